package io.solomo.decision.offer;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A fallback offer whose message names the store, {@code STORE-WELCOME-10}, with and without a store. */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:fallback-offer;DB_CLOSE_DELAY=-1",
        "solomo.policy.fallback-offer-id=STORE-WELCOME-10",
        "solomo.policy.default-cooldown=PT2H"
})
class FallbackOfferIntegrationTests extends DemoServer {

    /** Friday 4 December 2026, 10:15 in Paris. */
    private static final String FRIDAY_MORNING = "2026-12-04T09:15:00Z";

    @Test
    void fallbackNamingStoreNeedsAStore() {
        // The app offer made away from stores is in its cooldown at the second decision, so no candidate survives.
        decideAway(FRIDAY_MORNING);

        ApiClient.Response response = decideAway("2026-12-04T09:30:00Z");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode offers = response.json().get("offers");
        offers.forEach(offer -> assertThat(offer.get("offerId").asString()).isNotEqualTo("STORE-WELCOME-10"));
        offers.forEach(offer -> assertThat(offer.get("message").asString()).doesNotStartWith(":"));
        String decisionId = response.json().get("decisionId").asString();
        JsonNode fallback = candidate(app().get("/api/v1/decisions/" + decisionId).json(), "STORE-WELCOME-10");
        assertThat(fallback.get("stage").asString()).isEqualTo("fallback");
        assertThat(fallback.get("reason").asString()).isEqualTo("its message names the store, and the contact "
                + "has no store");
        assertThat(fallback.get("reasonFr").asString()).isEqualTo("son message nomme le magasin, et le "
                + "contact n'a pas de magasin");
    }

    private ApiClient.Response decideAway(String at) {
        return app().post("/api/v1/decisions", """
                {"customerId": "demo-bob", "channel": "EMAIL", "at": "%s"}""".formatted(at));
    }

    private static JsonNode candidate(JsonNode storedDecision, String offerId) {
        for (JsonNode candidate : storedDecision.get("candidates")) {
            if (offerId.equals(candidate.get("offerId").asString())) {
                return candidate;
            }
        }
        throw new AssertionError(offerId + " is not among the candidates of " + storedDecision);
    }
}
