package io.solomo.decision.ruleset;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.solomo.decision.ruleset.RuleSetUploads.WELCOME;
import static org.assertj.core.api.Assertions.assertThat;

class RuleSetSwitchUnderLoadIntegrationTests extends DemoServer {

    private static final String WINTER_WELCOME = WELCOME + " (winter)";
    private static final String DECISION = """
            {"customerId": "demo-alice", "channel": "PUSH", "latitude": 48.85, "longitude": 2.35,
             "at": "2026-12-04T09:15:00Z", "maxOffers": 3}""";

    @Autowired
    RuleSetVersions versions;

    @AfterEach
    void activateTheBundledRulesAgain() {
        versions.activate("offers", 1, "test");
    }

    @Test
    void switchesVersionsWhileDecisionsRunWithoutAFailureOrAMixedRuleBase() throws Exception {
        int winter = JsonMapper.builder().build().readTree(RuleSetUploads.upload(port, "analyst",
                "/api/v1/rulesets/offers/versions", RuleSetUploads.bundledWithCells(Map.of("B16", WINTER_WELCOME)))
                .body()).get("version").asInt();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger decisions = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> welcomeReasons = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            loops.add(clients.submit(() -> {
                ApiClient app = app();
                while (running.get()) {
                    ApiClient.Response response = app.post("/api/v1/decisions", DECISION);
                    decisions.incrementAndGet();
                    if (response.status() != 200) {
                        failures.add(response.status() + " " + response.text());
                        continue;
                    }
                    welcomeReasons.add(welcomeReason(response.json()));
                }
            }));
        }

        for (int round = 0; round < 6; round++) {
            Thread.sleep(300);
            versions.activate("offers", round % 2 == 0 ? winter : 1, "analyst");
        }
        Thread.sleep(300);
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(failures).isEmpty();
        assertThat(decisions.get()).isGreaterThan(20);
        assertThat(welcomeReasons).containsOnly(WELCOME, WINTER_WELCOME).contains(WELCOME, WINTER_WELCOME);
    }

    /** Returns the one reason of the welcome offer: a rule name of exactly one of the two versions. */
    private static String welcomeReason(JsonNode decision) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode offer : decision.get("offers")) {
            if (offer.get("offerId").asString().equals("STORE-WELCOME-10")) {
                offer.get("reasons").forEach(reason -> reasons.add(reason.asString()));
            }
        }
        return reasons.size() == 1 ? reasons.get(0) : "reasons " + reasons;
    }
}
