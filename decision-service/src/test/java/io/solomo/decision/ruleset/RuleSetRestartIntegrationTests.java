package io.solomo.decision.ruleset;

import io.solomo.decision.SolomoApplication;
import io.solomo.decision.offer.ActiveOfferRules;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

import static io.solomo.decision.ruleset.RuleSetUploads.WELCOME;
import static org.assertj.core.api.Assertions.assertThat;

/** Two starts of the server on one database: the version activated before the restart is the one in use after it. */
class RuleSetRestartIntegrationTests {

    private static final String[] ARGUMENTS = {
            "--spring.profiles.active=demo",
            "--server.port=0",
            "--spring.datasource.url=jdbc:h2:mem:solomo-restart;DB_CLOSE_DELAY=-1",
            "--solomo.public-base-url=http://127.0.0.1:8080"
    };

    @Test
    void loadsTheActiveVersionAgainAtStart() {
        int version;
        try (ConfigurableApplicationContext first = start()) {
            RuleSetVersions versions = first.getBean(RuleSetVersions.class);
            version = versions.upload("offers", RuleSetUploads.bundledWithCells(Map.of("B16", WELCOME + " (spring)")),
                    "analyst").version();
            versions.activate("offers", version, "analyst");
        }

        try (ConfigurableApplicationContext second = start()) {
            ActiveOfferRules rules = second.getBean(ActiveOfferRules.class);

            assertThat(rules.current().version()).isEqualTo("offers-" + version);
            assertThat(rules.current().ruleNames()).contains(WELCOME + " (spring)");
            assertThat(second.getBean(RuleSetVersions.class).detail("offers").versions()).hasSize(version);
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SolomoApplication.class).run(ARGUMENTS);
    }
}
