package io.solomo.decision.location;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.ProcessedFix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class LocationEventIntegrationTests extends DemoServer {

    /** Inside the 80 m circle of Demo Marché Bastille. */
    private static final double BASTILLE_LATITUDE = 48.8532;
    private static final double BASTILLE_LONGITUDE = 2.3691;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JpaLocationEventJournal journal;

    @Test
    void fixInsideStoreDeliversOfferOnConsentedPush() {
        String eventId = "fix-" + UUID.randomUUID();

        ApiClient.Response accepted = app().post("/api/v1/location-events",
                fix(eventId, "demo-alice", BASTILLE_LATITUDE, BASTILLE_LONGITUDE));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("eventId").asString()).isEqualTo(eventId);
        JsonNode delivery = awaitDelivery("demo-alice",
                d -> eventId.equals(eventIdOf(d)) && !"QUEUED".equals(d.get("status").asString()));
        assertThat(delivery.get("channel").asString()).isEqualTo("PUSH");
        assertThat(delivery.get("storeId").asString()).isEqualTo("demo-bastille");
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("couponCode").asString()).isNotBlank();
        assertThat(delivery.get("routeUrl").asString()).contains("openstreetmap.org/directions");
        assertThat(delivery.get("message").asString()).contains("Demo Marché Bastille");
    }

    @Test
    void customerWhoRefusedPushGetsTheOfferByEmailInstead() {
        String eventId = "fix-" + UUID.randomUUID();

        app().post("/api/v1/location-events", fix(eventId, "demo-bob", BASTILLE_LATITUDE, BASTILLE_LONGITUDE));

        JsonNode delivery = awaitDelivery("demo-bob", d -> eventId.equals(eventIdOf(d)));
        assertThat(delivery.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(deliveriesOf("demo-bob")).noneMatch(d -> "PUSH".equals(d.get("channel").asString()));
    }

    @Test
    void replayedEventIsAcceptedOnceAndDeliveredOnce() {
        String eventId = "fix-" + UUID.randomUUID();
        String body = fix(eventId, "demo-alice", BASTILLE_LATITUDE, BASTILLE_LONGITUDE);

        ApiClient.Response first = app().post("/api/v1/location-events", body);
        ApiClient.Response replay = app().post("/api/v1/location-events", body);

        assertThat(first.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("status").asString()).isEqualTo("DUPLICATE");
        awaitStatus(eventId, "PROCESSED");
        assertThat(jdbc.queryForObject("select count(*) from delivery where event_id = ?", Integer.class, eventId))
                .isEqualTo(1);
    }

    @Test
    void fixAwayFromStoresIsProcessedWithoutDelivery() {
        String eventId = "fix-" + UUID.randomUUID();

        app().post("/api/v1/location-events", fix(eventId, "demo-alice", 45.76, 4.83));

        awaitStatus(eventId, "PROCESSED");
        assertThat(jdbc.queryForObject("select count(*) from delivery where event_id = ?", Integer.class, eventId))
                .isZero();
        assertThat(jdbc.queryForObject("select store_id from location_event where event_id = ?", String.class,
                eventId)).isNull();
    }

    @Test
    void acceptedFixIsStoredBeforeResponse() {
        String eventId = "fix-" + UUID.randomUUID();

        ApiClient.Response accepted = app().post("/api/v1/location-events", fix(eventId, "demo-alice", 45.76, 4.83));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(jdbc.queryForMap("select status, assessment from location_event where event_id = ?", eventId))
                .containsEntry("STATUS", "PROCESSED")
                .containsEntry("ASSESSMENT", "APPLIED");
    }

    @Test
    void replayStoredMeanwhileKeepsItsFirstOutcome() {
        String storedId = "fix-" + UUID.randomUUID();
        String freshId = "fix-" + UUID.randomUUID();
        app().post("/api/v1/location-events", fix(storedId, "demo-alice", 45.76, 4.83));
        Instant at = Instant.now().minusSeconds(10);

        Set<String> alreadyStored = journal.recordProcessed(List.of(
                new ProcessedFix(new LocationFix(storedId, "demo-alice", "phone-1", 45.76, 4.83, 10.0, at),
                        "demo-bastille", null, FixAssessment.LATE),
                new ProcessedFix(new LocationFix(freshId, "demo-alice", "phone-1", 45.76, 4.83, 10.0, at),
                        null, null, FixAssessment.APPLIED)));

        assertThat(alreadyStored).containsExactly(storedId);
        assertThat(jdbc.queryForMap("select store_id, assessment from location_event where event_id = ?", storedId))
                .containsEntry("STORE_ID", null)
                .containsEntry("ASSESSMENT", "APPLIED");
        assertThat(jdbc.queryForObject("select status from location_event where event_id = ?", String.class,
                freshId)).isEqualTo("PROCESSED");
    }

    @Test
    void latitudeAsTextStaysAccepted() {
        String eventId = "text-" + UUID.randomUUID();

        // Fixes come from trackers and SDKs that the brand cannot fix, so their bodies keep Jackson's coercion.
        ApiClient.Response accepted = app().post("/api/v1/location-events", """
                {"eventId": "%s", "customerId": "demo-alice", "deviceId": "phone-%s", "latitude": "45.76",
                 "longitude": "4.83", "accuracyMeters": 12, "recordedAt": "%s"}""".formatted(eventId, eventId,
                Instant.now()));

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    }

    @Test
    void duplicateKeyInFixIsRejected() {
        String eventId = "twice-" + UUID.randomUUID();

        ApiClient.Response response = app().post("/api/v1/location-events", """
                {"eventId": "%s", "customerId": "demo-alice", "customerId": "demo-bob", "deviceId": "phone-%s",
                 "latitude": 45.76, "longitude": 4.83, "recordedAt": "%s"}""".formatted(eventId, eventId,
                Instant.now()));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("customerId");
    }

    @Test
    void deviceIdTooLongForTransitionsIsRejected() {
        String eventId = "fix-" + UUID.randomUUID();
        String deviceId = "phone-" + "x".repeat(120);

        ApiClient.Response response = app().post("/api/v1/location-events", fix(eventId, "demo-alice", deviceId,
                BASTILLE_LATITUDE, BASTILLE_LONGITUDE, Instant.now()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("deviceId");
        assertThat(jdbc.queryForObject("select count(*) from location_event where event_id = ?", Integer.class,
                eventId)).isZero();
    }

    @Test
    void failedStoreReturns503NamingFix() {
        String eventId = "fix-" + UUID.randomUUID();
        String deviceId = "unstorable-" + UUID.randomUUID();
        jdbc.execute("alter table location_event add constraint reject_unstorable_device check (device_id <> '"
                + deviceId + "')");
        ApiClient.Response response;
        try {
            response = app().post("/api/v1/location-events", fix(eventId, "demo-alice", deviceId, 45.76, 4.83,
                    Instant.now()));
        } finally {
            jdbc.execute("alter table location_event drop constraint reject_unstorable_device");
        }

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("type").asString())
                .isEqualTo("urn:solomo:problem:not-stored");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("location event " + eventId + " was not stored because the database failed; sending it "
                        + "again is safe");
    }

    @Test
    void batchAppliesDeviceFixesInTimeOrder() {
        String deviceId = "phone-" + UUID.randomUUID();
        String earlier = "fix-" + UUID.randomUUID();
        String later = "fix-" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(60);

        ApiClient.Response accepted = app().post("/api/v1/location-events/batch", """
                [{"eventId": "%s", "customerId": "demo-alice", "deviceId": "%s", "latitude": 45.7601,
                  "longitude": 4.83, "accuracyMeters": 10, "recordedAt": "%s"},
                 {"eventId": "%s", "customerId": "demo-alice", "deviceId": "%s", "latitude": 45.76,
                  "longitude": 4.83, "accuracyMeters": 10, "recordedAt": "%s"}]"""
                .formatted(later, deviceId, at.plusSeconds(30), earlier, deviceId, at));

        assertThat(accepted.status()).isEqualTo(202);
        awaitStatus(earlier, "PROCESSED");
        awaitStatus(later, "PROCESSED");
        assertThat(jdbc.queryForObject("select assessment from location_event where event_id = ?", String.class,
                earlier)).isEqualTo("APPLIED");
        assertThat(jdbc.queryForObject("select assessment from location_event where event_id = ?", String.class,
                later)).isEqualTo("APPLIED");
    }

    @Test
    void fixWithoutEventIdGetsOne() {
        ApiClient.Response accepted = app().post("/api/v1/location-events", """
                {"customerId": "demo-alice", "deviceId": "phone-1", "latitude": 45.76, "longitude": 4.83}""");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("eventId").asString()).hasSize(36);
    }

    @Test
    void invalidFixIsRejectedAndNotStored() {
        String eventId = "fix-" + UUID.randomUUID();

        ApiClient.Response response = app().post("/api/v1/location-events", """
                {"eventId": "%s", "customerId": "demo-alice", "deviceId": "phone-1",
                 "latitude": 48.85, "longitude": 200}""".formatted(eventId));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("longitude");
        assertThat(response.json().get("value").doubleValue()).isEqualTo(200.0);
        assertThat(jdbc.queryForObject("select count(*) from location_event where event_id = ?", Integer.class,
                eventId)).isZero();
    }

    @Test
    void fixForUnknownCustomerIsNotFound() {
        ApiClient.Response response = app().post("/api/v1/location-events",
                fix("fix-" + UUID.randomUUID(), "nobody-here", BASTILLE_LATITUDE, BASTILLE_LONGITUDE));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("customerId");
    }

    @Test
    void secondFixInsideSameStoreDeliversNothingMore() {
        String device = "phone-" + UUID.randomUUID();
        String first = "fix-" + UUID.randomUUID();
        String second = "fix-" + UUID.randomUUID();
        Instant now = Instant.now();

        app().post("/api/v1/location-events",
                fix(first, "demo-alice", device, BASTILLE_LATITUDE, BASTILLE_LONGITUDE, now.minusSeconds(20)));
        awaitStatus(first, "PROCESSED");
        app().post("/api/v1/location-events",
                fix(second, "demo-alice", device, BASTILLE_LATITUDE + 0.00005, BASTILLE_LONGITUDE, now));
        awaitStatus(second, "PROCESSED");

        assertThat(jdbc.queryForObject("select count(*) from delivery where event_id = ?", Integer.class, first))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from delivery where event_id = ?", Integer.class, second))
                .isZero();
        assertThat(jdbc.queryForList("select kind from geofence_transition where device_id = ?", String.class,
                device)).containsExactly("ENTER");
        assertThat(jdbc.queryForObject("select decision_id from geofence_transition where device_id = ?",
                String.class, device)).isNotNull();
    }

    @Test
    void leavingStoreIsRecordedWithoutDelivery() {
        String device = "phone-" + UUID.randomUUID();
        String inside = "fix-" + UUID.randomUUID();
        String outside = "fix-" + UUID.randomUUID();
        Instant now = Instant.now();

        app().post("/api/v1/location-events",
                fix(inside, "demo-alice", device, BASTILLE_LATITUDE, BASTILLE_LONGITUDE, now.minusSeconds(60)));
        awaitStatus(inside, "PROCESSED");
        app().post("/api/v1/location-events",
                fix(outside, "demo-alice", device, BASTILLE_LATITUDE + 0.003, BASTILLE_LONGITUDE, now));
        awaitStatus(outside, "PROCESSED");

        assertThat(jdbc.queryForList("select kind from geofence_transition where device_id = ? order by occurred_at",
                String.class, device)).containsExactly("ENTER", "EXIT");
        assertThat(jdbc.queryForObject("select count(*) from delivery where event_id = ?", Integer.class, outside))
                .isZero();
    }

    @Test
    void lateFixIsRecordedAsLate() {
        String device = "phone-" + UUID.randomUUID();
        String recent = "fix-" + UUID.randomUUID();
        String late = "fix-" + UUID.randomUUID();
        Instant now = Instant.now();

        app().post("/api/v1/location-events", fix(recent, "demo-alice", device, 45.76, 4.83, now));
        awaitStatus(recent, "PROCESSED");
        app().post("/api/v1/location-events", fix(late, "demo-alice", device, 45.76, 4.83, now.minusSeconds(30)));
        awaitStatus(late, "PROCESSED");

        assertThat(jdbc.queryForObject("select assessment from location_event where event_id = ?", String.class,
                late)).isEqualTo("LATE");
    }

    @Test
    void fixDatedByGpsRolloverIsRejected() {
        String eventId = "fix-" + UUID.randomUUID();

        ApiClient.Response response = app().post("/api/v1/location-events", fix(eventId, "demo-alice",
                "phone-1", BASTILLE_LATITUDE, BASTILLE_LONGITUDE, Instant.parse("2001-08-02T08:09:14Z")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("recordedAt");
        assertThat(jdbc.queryForObject("select count(*) from location_event where event_id = ?", Integer.class,
                eventId)).isZero();
    }

    @Test
    void fixDatedInFutureIsRejected() {
        ApiClient.Response response = app().post("/api/v1/location-events", fix("fix-" + UUID.randomUUID(),
                "demo-alice", "phone-1", BASTILLE_LATITUDE, BASTILLE_LONGITUDE, Instant.now().plusSeconds(3600)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("recordedAt");
    }

    @Test
    void deliveriesOfUnknownCustomerAreNotFound() {
        assertThat(app().get("/api/v1/customers/nobody-here/deliveries").status()).isEqualTo(404);
    }

    @Test
    void latitudeAsTextNamesTheValue() {
        ApiClient.Response response = app().post("/api/v1/location-events", """
                {"eventId": "fix-text", "customerId": "demo-alice", "deviceId": "phone-1",
                 "latitude": "north", "longitude": 2.35}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("latitude");
        assertThat(response.json().get("value").asString()).isEqualTo("north");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("field latitude has an invalid value: expected a number, got \"north\"");
    }

    @Test
    void batchFixWithTextLatitudeNamesItsIndex() {
        ApiClient.Response response = app().post("/api/v1/location-events/batch", """
                [{"eventId": "fix-text-0", "customerId": "demo-alice", "deviceId": "phone-1",
                  "latitude": "north", "longitude": 2.35}]""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("[0].latitude");
        assertThat(response.json().get("value").asString()).isEqualTo("north");
    }

    @Test
    void extraFieldIsStillTolerated() {
        String eventId = "fix-" + UUID.randomUUID();
        String body = fix(eventId, "demo-alice", 45.76, 4.83).replace("\"eventId\"", "\"note\": \"x\", \"eventId\"");

        ApiClient.Response response = app().post("/api/v1/location-events", body);

        assertThat(response.status()).as(response.text()).isEqualTo(202);
    }

    /** A fix from a phone of its own, so that each test's device starts outside every geofence. */
    private static String fix(String eventId, String customerId, double latitude, double longitude) {
        return fix(eventId, customerId, "phone-" + eventId, latitude, longitude, Instant.now());
    }

    private static String fix(String eventId, String customerId, String deviceId, double latitude, double longitude,
                              Instant recordedAt) {
        return """
                {"eventId": "%s", "customerId": "%s", "deviceId": "%s", "latitude": %s, "longitude": %s,
                 "accuracyMeters": 12, "recordedAt": "%s"}"""
                .formatted(eventId, customerId, deviceId, latitude, longitude, recordedAt);
    }

    private String eventIdOf(JsonNode delivery) {
        return jdbc.queryForObject("select event_id from delivery where delivery_id = ?", String.class,
                delivery.get("deliveryId").asString());
    }

    private List<JsonNode> deliveriesOf(String customerId) {
        List<JsonNode> deliveries = new ArrayList<>();
        app().get("/api/v1/customers/" + customerId + "/deliveries").json().forEach(deliveries::add);
        return deliveries;
    }

    private JsonNode awaitDelivery(String customerId, Predicate<JsonNode> match) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode delivery : deliveriesOf(customerId)) {
                if (match.test(delivery)) {
                    return delivery;
                }
            }
            pause();
        }
        throw new AssertionError("no matching delivery for " + customerId + " within 20 s; deliveries: "
                + deliveriesOf(customerId));
    }

    private void awaitStatus(String eventId, String status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String current = null;
        while (Instant.now().isBefore(deadline)) {
            List<String> statuses = jdbc.queryForList("select status from location_event where event_id = ?",
                    String.class, eventId);
            current = statuses.isEmpty() ? null : statuses.get(0);
            if (status.equals(current)) {
                return;
            }
            pause();
        }
        throw new AssertionError("location event " + eventId + " is " + current + ", not " + status + ", after 20 s");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
