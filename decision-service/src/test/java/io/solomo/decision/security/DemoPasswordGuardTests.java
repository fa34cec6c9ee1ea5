package io.solomo.decision.security;

import io.solomo.decision.SolomoApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outside the demo profile the server rejects the public defaults of the password and the signing secrets, with
 * Spring Boot's "APPLICATION FAILED TO START" block naming the setting.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoPasswordGuardTests {

    private static final String FAILED = "APPLICATION FAILED TO START";
    private static final String PASSWORD = "--solomo.demo-password=guard-test-password";
    private static final String COUPONS = "--solomo.coupons.secret=guard-test-coupon-secret-0123";
    private static final String WEBHOOK = "--solomo.delivery.webhook.secret=guard-test-webhook-secret-0123";

    @Test
    void defaultPasswordRejectedOutsideDemo(CapturedOutput output) {
        startFails("guard-password", COUPONS, WEBHOOK);

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.demo-password is still the default");
    }

    @Test
    void demoCouponSecretRejected(CapturedOutput output) {
        startFails("guard-coupons", PASSWORD, WEBHOOK);

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.coupons.secret is still the public demo secret");
        assertThat(output).contains("SOLOMO_COUPONS_SECRET");
    }

    @Test
    void demoWebhookSecretRejected(CapturedOutput output) {
        startFails("guard-webhook", PASSWORD, COUPONS);

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.delivery.webhook.secret is still the public demo secret");
    }

    @Test
    void demoUnsubscribeSecretRejected(CapturedOutput output) {
        startFails("guard-unsubscribe", PASSWORD, COUPONS, WEBHOOK,
                "--solomo.delivery.unsubscribe-secret=change-me-outside-the-demo");

        assertThat(output).contains(FAILED);
        assertThat(output).contains("solomo.delivery.unsubscribe-secret is still the public demo secret");
    }

    @Test
    void ownSecretsPassGuard() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("solomo.coupons.secret", "guard-test-coupon-secret-0123")
                .withProperty("solomo.delivery.webhook.secret", "guard-test-webhook-secret-0123")
                .withProperty("solomo.delivery.unsubscribe-secret", "${solomo.coupons.secret}");

        assertThatCode(() -> DemoDefaults.rejectOutsideDemo(environment, "guard-test-password"))
                .doesNotThrowAnyException();
    }

    @Test
    void demoProfileKeepsDefaults() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("demo");

        assertThatCode(() -> DemoDefaults.rejectOutsideDemo(environment, "demo")).doesNotThrowAnyException();
    }

    private static void startFails(String database, String... settings) {
        SpringApplicationBuilder server = new SpringApplicationBuilder(SolomoApplication.class);

        assertThatThrownBy(() -> server.run(arguments(database, settings))).isNotNull();
    }

    private static String[] arguments(String database, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1"));
        arguments.addAll(List.of(settings));
        return arguments.toArray(String[]::new);
    }
}
