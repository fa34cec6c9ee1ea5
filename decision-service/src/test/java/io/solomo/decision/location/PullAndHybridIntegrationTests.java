package io.solomo.decision.location;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Nearby stores for pull requests, monitored regions for on-device geofencing, batches of fixes. */
class PullAndHybridIntegrationTests extends DemoServer {

    @Test
    void nearbyStoresAreListedNearestFirst() {
        ApiClient.Response response = app().get("/api/v1/stores/nearby?latitude=48.8532&longitude=2.3691"
                + "&radiusMeters=3000");

        assertThat(response.status()).isEqualTo(200);
        JsonNode stores = response.json();
        assertThat(stores.size()).isGreaterThanOrEqualTo(2);
        assertThat(stores.get(0).get("storeId").asString()).isEqualTo("demo-bastille");
        assertThat(stores.get(0).get("distanceMeters").doubleValue()).isZero();
        assertThat(stores.get(1).get("distanceMeters").doubleValue()).isPositive();
        assertThat(stores.get(0).has("openNow")).isTrue();
    }

    @Test
    void nearbyNeedsValidRadius() {
        ApiClient.Response response = app().get("/api/v1/stores/nearby?latitude=48.85&longitude=2.35"
                + "&radiusMeters=-5");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("radiusMeters");
    }

    @Test
    void nearbyRadiusAsTextNamesTheValue() {
        ApiClient.Response response = app().get("/api/v1/stores/nearby?latitude=48.85&longitude=2.35"
                + "&radiusMeters=far");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:invalid-field");
        assertThat(response.json().get("field").asString()).isEqualTo("radiusMeters");
        assertThat(response.json().get("value").asString()).isEqualTo("far");
        assertThat(response.json().get("detail").asString()).isEqualTo("radiusMeters must be a number, got 'far'");
    }

    @Test
    void unknownApiPathIsANotFoundProblem() {
        ApiClient.Response response = ApiClient.on(port).as("admin", PASSWORD).get("/api/v1/offerz");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:solomo:problem:not-found");
        assertThat(response.json().get("value").asString()).isEqualTo("/api/v1/offerz");
    }

    @Test
    void monitoredRegionsAreNearestCircles() {
        ApiClient.Response response = app().get("/api/v1/devices/alice-phone/monitored-regions"
                + "?latitude=48.8532&longitude=2.3691&count=2");

        assertThat(response.status()).isEqualTo(200);
        JsonNode regions = response.json().get("regions");
        assertThat(regions.size()).isEqualTo(2);
        assertThat(regions.get(0).get("identifier").asString()).isEqualTo("demo-bastille");
        assertThat(regions.get(0).get("radiusMeters").doubleValue()).isEqualTo(80.0);
        assertThat(response.json().get("refreshAfterMeters").doubleValue()).isPositive();
    }

    @Test
    void monitoredRegionsCountIsCapped() {
        ApiClient.Response response = app().get("/api/v1/devices/alice-phone/monitored-regions"
                + "?latitude=48.85&longitude=2.35&count=101");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("count");
    }

    @Test
    void batchWithInvalidFixStoresNothing() {
        ApiClient.Response response = app().post("/api/v1/location-events/batch", """
                [{"eventId": "batch-ok-1", "customerId": "demo-alice", "deviceId": "b1", "latitude": 45.76,
                  "longitude": 4.83},
                 {"eventId": "batch-bad-1", "customerId": "demo-alice", "deviceId": "b1", "latitude": 95,
                  "longitude": 4.83}]""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("[1].latitude");
        assertThat(response.json().get("value").doubleValue()).isEqualTo(95.0);
        assertThat(response.json().get("detail").asString()).startsWith("fix [1]: ");
        assertThat(app().post("/api/v1/location-events/batch", """
                [{"eventId": "batch-ok-1", "customerId": "demo-alice", "deviceId": "b1", "latitude": 45.76,
                  "longitude": 4.83}]""").json().get(0).get("status").asString()).isEqualTo("ACCEPTED");
    }

    @Test
    void deletingStoreAnswersNoContentThenNotFound() {
        marketer().post("/api/v1/stores/import", """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "to-delete", "properties": {},
                 "geometry": {"type": "Point", "coordinates": [5.37, 43.30]}}]}""");

        assertThat(marketer().delete("/api/v1/stores/to-delete").status()).isEqualTo(204);
        assertThat(marketer().delete("/api/v1/stores/to-delete").status()).isEqualTo(404);
        assertThat(app().get("/api/v1/stores/to-delete").status()).isEqualTo(404);
    }
}
