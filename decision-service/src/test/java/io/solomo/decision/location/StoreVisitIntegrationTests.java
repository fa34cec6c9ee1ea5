package io.solomo.decision.location;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A detected store visit becomes a datamart interaction and earns the visit's loyalty points. */
class StoreVisitIntegrationTests extends DemoServer {

    @Test
    void enteringStoreCountsVisitAndEarnsPoints() throws InterruptedException {
        ApiClient admin = ApiClient.on(port).as("admin", PASSWORD);
        int visitsBefore = admin.get("/api/v1/customers/demo-bob").json().get("attributes").get("visitCount").asInt();
        long pointsBefore = app().get("/api/v1/customers/demo-bob/loyalty").json().get("balance").asLong();

        ApiClient.Response accepted = app().post("/api/v1/location-events", """
                {"eventId": "visit-%s", "customerId": "demo-bob", "deviceId": "bob-phone-%s",
                 "latitude": 48.8532, "longitude": 2.3691, "accuracyMeters": 10, "recordedAt": "%s"}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), Instant.now()));

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode profile = awaitVisits(admin, visitsBefore + 1);
        assertThat(profile.get("attributes").get("lastStoreId").asString()).isEqualTo("demo-bastille");
        JsonNode loyalty = app().get("/api/v1/customers/demo-bob/loyalty").json();
        assertThat(loyalty.get("balance").asLong()).isEqualTo(pointsBefore + 5);
        assertThat(loyalty.get("history").get(0).get("action").asString()).isEqualTo("STORE_VISIT");
    }

    private static JsonNode awaitVisits(ApiClient admin, int visits) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode profile = admin.get("/api/v1/customers/demo-bob").json();
        while (profile.get("attributes").get("visitCount").asInt() < visits && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            profile = admin.get("/api/v1/customers/demo-bob").json();
        }
        assertThat(profile.get("attributes").get("visitCount").asInt()).isEqualTo(visits);
        return profile;
    }
}
