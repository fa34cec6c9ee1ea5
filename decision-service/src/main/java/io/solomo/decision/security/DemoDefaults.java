package io.solomo.decision.security;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.util.List;

/**
 * Rejects the public defaults of application.properties for the password and the signing secrets outside the demo
 * profile: anyone who read this repository could log in with them, forge coupon codes and unsubscribe links, or
 * sign webhook calls.
 */
final class DemoDefaults {

    /** The secret that application.properties sets for the demo; the repository publishes it. */
    static final String DEMO_SECRET = "change-me-outside-the-demo";

    /**
     * Secrets checked against {@link #DEMO_SECRET}. A missing webhook secret falls back to the demo secret, while a
     * missing unsubscribe secret falls back to the coupon secret, checked first.
     */
    private static final List<Secret> SECRETS = List.of(
            new Secret("solomo.coupons.secret", "SOLOMO_COUPONS_SECRET", null),
            new Secret("solomo.delivery.webhook.secret", "SOLOMO_DELIVERY_WEBHOOK_SECRET", DEMO_SECRET),
            new Secret("solomo.delivery.unsubscribe-secret", "SOLOMO_DELIVERY_UNSUBSCRIBE_SECRET", null));

    private DemoDefaults() {
    }

    /**
     * Throws an {@link InvalidConfigurationPropertyValueException} naming the first setting still at its public
     * default, unless the demo profile is active.
     */
    static void rejectOutsideDemo(Environment environment, String demoPassword) {
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            return;
        }
        if (SecurityProperties.DEFAULT_DEMO_PASSWORD.equals(demoPassword)) {
            throw new InvalidConfigurationPropertyValueException("solomo.demo-password", demoPassword,
                    "solomo.demo-password is still the default 'demo' outside the demo profile; set it to a strong "
                            + "secret (SOLOMO_DEMO_PASSWORD) or start with --spring.profiles.active=demo");
        }
        for (Secret secret : SECRETS) {
            String value = environment.getProperty(secret.setting(), secret.defaultValue() == null ? ""
                    : secret.defaultValue());
            if (DEMO_SECRET.equals(value.trim())) {
                throw new InvalidConfigurationPropertyValueException(secret.setting(), value, secret.setting()
                        + " is still the public demo secret outside the demo profile; set it to a random secret of "
                        + "at least 16 characters (environment variable " + secret.variable() + ") or start with "
                        + "--spring.profiles.active=demo");
            }
        }
    }

    /**
     * @param setting      the property name
     * @param variable     the environment variable that sets it
     * @param defaultValue the value the server uses when the setting is missing, or null when it uses another
     */
    private record Secret(String setting, String variable, String defaultValue) {
    }
}
