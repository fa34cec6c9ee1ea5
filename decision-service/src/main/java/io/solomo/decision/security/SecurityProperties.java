package io.solomo.decision.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * API users from configuration.
 *
 * @param demoPassword password of the built-in users {@code app}, {@code analyst}, {@code marketer} and
 *                     {@code admin} ({@code solomo.demo-password})
 * @param users        further users, each with a name, a password and roles
 *                     ({@code solomo.security.users[0].name=...}); a {@code LOCAL_MARKETER} also needs the store ids
 *                     ({@code ...stores=...}) or the chains ({@code ...chains=...}) it acts for
 */
@ConfigurationProperties(prefix = "solomo")
record SecurityProperties(String demoPassword, Security security) {

    static final String DEFAULT_DEMO_PASSWORD = "demo";

    SecurityProperties {
        if (demoPassword == null || demoPassword.isBlank()) {
            demoPassword = DEFAULT_DEMO_PASSWORD;
        }
        if (security == null) {
            security = new Security(List.of());
        }
    }

    record Security(List<User> users) {
        Security {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    record User(String name, String password, List<String> roles, List<String> stores, List<String> chains) {
        User {
            stores = stores == null ? List.of() : List.copyOf(stores);
            chains = chains == null ? List.of() : List.copyOf(chains);
        }
    }
}
