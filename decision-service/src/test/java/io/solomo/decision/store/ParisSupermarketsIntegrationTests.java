package io.solomo.decision.store;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Imports the OpenStreetMap export of 598 Paris supermarkets and sends phones to one of them. Runs on a database of
 * its own, so that the supermarkets' geofences do not overlap the demo stores of other tests.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:paris-supermarkets;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParisSupermarketsIntegrationTests extends DemoServer {

    private static final String FILE = "stores/paris-osm-2014-supermarches.geojson";

    private JsonNode importReport;
    private JsonNode pointStore;

    @BeforeAll
    void importParisSupermarkets() throws Exception {
        Path file = SharedData.file(FILE).orElse(null);
        assumeTrue(file != null, SharedData.absent(FILE));
        byte[] geoJson = Files.readAllBytes(file);
        ApiClient.Response response = marketer().post("/api/v1/stores/import", geoJson);
        assertThat(response.status()).isEqualTo(200);
        importReport = response.json();
        JsonNode features = JsonMapper.builder().build().readTree(geoJson).get("features");
        for (JsonNode feature : features) {
            if ("Point".equals(feature.path("geometry").path("type").asString())
                    && "Franprix".equals(feature.path("properties").path("name").asString())) {
                pointStore = feature;
                break;
            }
        }
        assertThat(pointStore).as("a Franprix point store in the export").isNotNull();
    }

    @Test
    void everyFeatureIsImportedOrRejectedWithReason() {
        int imported = importReport.get("imported").asInt();
        int rejected = importReport.get("rejected").size();

        assertThat(imported + rejected).isEqualTo(598);
        assertThat(imported).isGreaterThanOrEqualTo(590);
        importReport.get("rejected").forEach(rejection ->
                assertThat(rejection.get("reason").asString()).isNotBlank());
    }

    @Test
    void importedPolygonKeepsItsOutline() {
        JsonNode store = app().get("/api/v1/stores/way/33113253").json();

        assertThat(store.get("name").asString()).isEqualTo("Monoprix");
        assertThat(store.get("chain").asString()).isEqualTo("Monoprix");
        assertThat(store.get("geofence").get("type").asString()).isEqualTo("Polygon");
    }

    @Test
    void importedPointGetsTheDefaultCircle() {
        String storeId = pointStore.get("id").asString();

        JsonNode store = app().get("/api/v1/stores/" + storeId).json();

        assertThat(store.get("geofence").get("type").asString()).isEqualTo("Point");
        assertThat(store.get("geofence").get("radiusMeters").doubleValue()).isEqualTo(100.0);
    }

    @Test
    void consentingCustomerAtSupermarketGetsPushWithCouponAndRoute() {
        String storeId = pointStore.get("id").asString();
        String eventId = "paris-" + UUID.randomUUID();

        app().post("/api/v1/location-events", fixAtPointStore(eventId, "demo-alice"));

        JsonNode delivery = awaitDeliveryAt("demo-alice", storeId, "PUSH");
        assertThat(delivery.get("couponCode").asString()).matches("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{4}");
        assertThat(delivery.get("routeUrl").asString()).startsWith("https://www.openstreetmap.org/directions?");
    }

    @Test
    void customerWhoRefusedPushGetsNoPushAtSupermarket() {
        String storeId = pointStore.get("id").asString();
        String eventId = "paris-" + UUID.randomUUID();

        app().post("/api/v1/location-events", fixAtPointStore(eventId, "demo-bob"));

        JsonNode delivery = awaitDeliveryAt("demo-bob", storeId, null);
        assertThat(delivery.get("channel").asString()).isEqualTo("EMAIL");
        app().get("/api/v1/customers/demo-bob/deliveries").json().forEach(any ->
                assertThat(any.get("channel").asString()).isNotEqualTo("PUSH"));
    }

    private String fixAtPointStore(String eventId, String customerId) {
        JsonNode position = pointStore.get("geometry").get("coordinates");
        return """
                {"eventId": "%s", "customerId": "%s", "deviceId": "phone-%s", "latitude": %s, "longitude": %s,
                 "accuracyMeters": 8}""".formatted(eventId, customerId, customerId, position.get(1).doubleValue(),
                position.get(0).doubleValue());
    }

    private JsonNode awaitDeliveryAt(String customerId, String storeId, String channel) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode delivery : app().get("/api/v1/customers/" + customerId + "/deliveries").json()) {
                if (storeId.equals(delivery.path("storeId").asString(null))
                        && (channel == null || channel.equals(delivery.get("channel").asString()))) {
                    return delivery;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
        throw new AssertionError("no delivery at store " + storeId + " for " + customerId + " within 20 s");
    }
}
