package io.solomo.decision.security;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The users of {@code solomo.security.users}, plus in the demo profile a store manager of the demo store
 * {@code demo-bastille} ({@code store-bastille}) and an agency for the demo chain "Demo Marché"
 * ({@code agency-demo-marche}), both local marketers with the demo password.
 */
final class ConfiguredUsers {

    static final String DEMO_STORE_MANAGER = "store-bastille";
    static final String DEMO_AGENCY = "agency-demo-marche";

    private ConfiguredUsers() {
    }

    static List<SecurityProperties.User> of(SecurityProperties properties, Environment environment) {
        List<SecurityProperties.User> users = new ArrayList<>(properties.security().users());
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            List<String> localMarketer = List.of(Roles.LOCAL_MARKETER);
            users.add(new SecurityProperties.User(DEMO_STORE_MANAGER, properties.demoPassword(), localMarketer,
                    List.of("demo-bastille"), List.of()));
            users.add(new SecurityProperties.User(DEMO_AGENCY, properties.demoPassword(), localMarketer,
                    List.of(), List.of("Demo Marché")));
        }
        return users;
    }

    /**
     * Returns the store scope of each local marketer.
     *
     * @throws IllegalStateException when a local marketer has no store and no chain, or when a user with a scope is
     *                               no local marketer, since the scope would then limit nothing
     */
    static UserScopes scopesOf(List<SecurityProperties.User> users) {
        Map<String, StoreScope> scopes = new HashMap<>();
        for (SecurityProperties.User user : users) {
            boolean local = user.roles() != null && user.roles().contains(Roles.LOCAL_MARKETER);
            boolean scoped = !user.stores().isEmpty() || !user.chains().isEmpty();
            if (local && !scoped) {
                throw new IllegalStateException("solomo.security.users entry " + user.name() + " has the role "
                        + Roles.LOCAL_MARKETER + " but no stores and no chains; set its stores or chains");
            }
            if (!local && scoped) {
                throw new IllegalStateException("solomo.security.users entry " + user.name() + " has stores or "
                        + "chains but not the role " + Roles.LOCAL_MARKETER + ", so they would limit nothing; add "
                        + "the role or remove the stores and chains");
            }
            if (local) {
                if (user.roles().size() > 1) {
                    throw new IllegalStateException("solomo.security.users entry " + user.name() + " has the role "
                            + Roles.LOCAL_MARKETER + " with other roles " + user.roles() + ", which its scope "
                            + "would not limit; give a local marketer no other role");
                }
                scopes.put(user.name(), new StoreScope(new HashSet<>(user.stores()), new HashSet<>(user.chains())));
            }
        }
        return new UserScopes(scopes);
    }
}
