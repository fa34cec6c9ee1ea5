package io.solomo.decision.ruleset;

import io.solomo.decision.SolomoApplication;
import io.solomo.decision.offer.ActiveOfferRules;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.solomo.decision.ruleset.RuleSetUploads.WELCOME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the server on one H2 database file, as behind a load balancer: an activation or a rollback through
 * either node reaches the other within its poll interval and the time to compile the version.
 */
class RuleSetNodesIntegrationTests {

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    // Compiling and testing the offer rules takes about a second on an idle 2-core machine; allow for a loaded one.
    private static final Duration COMPILE_ALLOWANCE = Duration.ofSeconds(20);
    private static final String SPRING_WELCOME = WELCOME + " (spring)";
    private static final String DECISION = """
            {"customerId": "demo-alice", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35,
             "at": "2026-12-04T09:15:00Z", "maxOffers": 3}""";

    @TempDir
    Path database;

    @Test
    void activationOnOneNodeReachesTheOther() throws Exception {
        try (ConfigurableApplicationContext first = start();
             ConfigurableApplicationContext second = start()) {
            ApiClient firstAnalyst = ApiClient.on(port(first)).as("analyst", DemoServer.PASSWORD);
            ApiClient firstApp = ApiClient.on(port(first)).as("app", DemoServer.PASSWORD);
            ApiClient secondAnalyst = ApiClient.on(port(second)).as("analyst", DemoServer.PASSWORD);
            ApiClient secondApp = ApiClient.on(port(second)).as("app", DemoServer.PASSWORD);
            HttpResponse<String> upload = RuleSetUploads.upload(port(first), "analyst",
                    "/api/v1/rulesets/offers/versions", RuleSetUploads.bundledWithCells(Map.of("B16", SPRING_WELCOME)));
            int spring = JsonMapper.builder().build().readTree(upload.body()).get("version").asInt();
            String servedBefore = welcomeReason(secondApp);

            long activatedAt = System.nanoTime();
            ApiClient.Response activation = firstAnalyst.post("/api/v1/rulesets/offers/versions/" + spring
                    + "/activate", "");
            Duration followed = waitForWelcomeReason(secondApp, SPRING_WELCOME, activatedAt);
            String secondVersion = second.getBean(ActiveOfferRules.class).current().version();
            ApiClient.Response rollback = secondAnalyst.post("/api/v1/rulesets/offers/rollback", "");
            Duration rolledBack = waitForWelcomeReason(firstApp, WELCOME, System.nanoTime());
            String firstVersion = first.getBean(ActiveOfferRules.class).current().version();

            assertThat(upload.statusCode()).isEqualTo(201);
            assertThat(spring).isEqualTo(2);
            assertThat(servedBefore).isEqualTo(WELCOME);
            assertThat(activation.status()).isEqualTo(200);
            assertThat(followed).isLessThan(POLL_INTERVAL.plus(COMPILE_ALLOWANCE));
            assertThat(secondVersion).isEqualTo("offers-2");
            assertThat(rollback.status()).isEqualTo(200);
            assertThat(rolledBack).isLessThan(POLL_INTERVAL.plus(COMPILE_ALLOWANCE));
            assertThat(firstVersion).isEqualTo("offers-1");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SolomoApplication.class).run(
                "--spring.profiles.active=demo",
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + database.resolve("solomo") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--solomo.public-base-url=http://127.0.0.1:8080",
                "--solomo.rulesets.poll-interval=" + POLL_INTERVAL);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** Asks the node for decisions until the welcome offer carries the expected rule name; returns how long it took. */
    private static Duration waitForWelcomeReason(ApiClient app, String expected, long since)
            throws InterruptedException {
        Duration deadline = POLL_INTERVAL.plus(COMPILE_ALLOWANCE).multipliedBy(2);
        while (!expected.equals(welcomeReason(app))) {
            if (Duration.ofNanos(System.nanoTime() - since).compareTo(deadline) > 0) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** Returns the rule name given as reason for the welcome offer in a decision of the node. */
    private static String welcomeReason(ApiClient app) {
        ApiClient.Response response = app.post("/api/v1/decisions", DECISION);
        assertThat(response.status()).isEqualTo(200);
        List<String> reasons = new ArrayList<>();
        for (JsonNode offer : response.json().get("offers")) {
            if (offer.get("offerId").asString().equals("STORE-WELCOME-10")) {
                offer.get("reasons").forEach(reason -> reasons.add(reason.asString()));
            }
        }
        return reasons.size() == 1 ? reasons.get(0) : "reasons " + reasons;
    }
}
