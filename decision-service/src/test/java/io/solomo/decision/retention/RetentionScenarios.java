package io.solomo.decision.retention;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention run with the default periods (location P3M, decision context P1Y, delivery payloads P6M, inactive
 * profiles P3Y), run by a subclass on H2 and by another on PostgreSQL. The run removes old rows of every test that
 * shares its database, so these tests have a database of their own. A batch size of 2 makes every rule loop.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:solomo-retention;DB_CLOSE_DELAY=-1",
        "solomo.retention.batch-size=2"
})
abstract class RetentionScenarios extends DemoServer {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Instant now = Instant.now();

    ApiClient admin() {
        return ApiClient.on(port).as("admin", PASSWORD);
    }

    @Test
    void locationRowsOlderThanPeriodGo() {
        String[] oldFixes = {"old-fix-1-" + run, "old-fix-2-" + run, "old-fix-3-" + run};
        for (String eventId : oldFixes) {
            insertFix(eventId, daysAgo(120));
        }
        String youngFix = "young-fix-" + run;
        insertFix(youngFix, daysAgo(30));
        String oldTransition = insertTransition(daysAgo(120));
        String youngTransition = insertTransition(daysAgo(30));
        String oldDevice = "old-device-" + run;
        String youngDevice = "young-device-" + run;
        insertPresence(oldDevice, daysAgo(120));
        insertPresence(youngDevice, daysAgo(30));

        JsonNode report = runRetention();

        assertThat(report.get("deleted").get("location_event").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(report.get("deleted").get("geofence_transition").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("deleted").get("device_presence").asInt()).isGreaterThanOrEqualTo(1);
        for (String eventId : oldFixes) {
            assertThat(count("select count(*) from location_event where event_id = ?", eventId)).isZero();
        }
        assertThat(count("select count(*) from location_event where event_id = ?", youngFix)).isOne();
        assertThat(count("select count(*) from geofence_transition where transition_id = ?", oldTransition)).isZero();
        assertThat(count("select count(*) from geofence_transition where transition_id = ?", youngTransition))
                .isOne();
        assertThat(count("select count(*) from device_presence where device_id = ?", oldDevice)).isZero();
        assertThat(count("select count(*) from device_presence where device_id = ?", youngDevice)).isOne();
    }

    @Test
    void replayOfDeletedFixIsRejected() {
        String eventId = "replayed-fix-" + run;
        Instant recordedAt = daysAgo(120).toInstant();
        insertFix(eventId, daysAgo(120));
        runRetention();

        ApiClient.Response replay = app().post("/api/v1/location-events", fix(eventId, recordedAt));
        ApiClient.Response young = app().post("/api/v1/location-events",
                fix("young-replay-" + run, daysAgo(30).toInstant()));

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("field").asString()).isEqualTo("recordedAt");
        assertThat(replay.json().get("detail").asString()).contains("solomo.retention.location-fixes P3M");
        assertThat(count("select count(*) from location_event where event_id = ?", eventId)).isZero();
        assertThat(young.status()).isEqualTo(202);
        assertThat(young.json().get("status").asString()).isEqualTo("ACCEPTED");
    }

    @Test
    void oldDecisionContextEmptiedOffersKept() {
        String route = "https://www.openstreetmap.org/directions?route=48.853200%2C2.369100%3B48.853000%2C2.369000";
        String oldDecision = insertDecision(daysAgo(400), route);
        String youngDecision = insertDecision(daysAgo(200), route);
        jdbc.update("insert into decision_outcome (decision_id, offer_id, outcome, recorded_at) "
                + "values (?, 'STORE-WELCOME-10', 'REDEEMED', ?)", oldDecision, daysAgo(399));

        JsonNode report = runRetention();

        assertThat(report.get("emptied").get("decision_record").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(column("request_json", oldDecision)).isEqualTo("{}");
        assertThat(column("facts_json", oldDecision)).isEqualTo("{}");
        assertThat(column("offers_json", oldDecision)).contains("STORE-WELCOME-10").doesNotContain("directions");
        assertThat(column("fired_rules", oldDecision)).isEqualTo("[\"welcome\"]");
        assertThat(count("select count(*) from decision_outcome where decision_id = ?", oldDecision)).isOne();
        assertThat(column("request_json", youngDecision)).contains("48.8532");
        assertThat(column("facts_json", youngDecision)).contains("GOLD");
        assertThat(column("offers_json", youngDecision)).contains("directions");
    }

    @Test
    void oldDeliveryPayloadsEmptiedOutboxKept() {
        String delivered = insertDelivery("DELIVERED", daysAgo(200));
        String dead = insertDelivery("DEAD", daysAgo(200));
        String retrying = insertDelivery("FAILED", daysAgo(200));
        String young = insertDelivery("DELIVERED", daysAgo(100));
        jdbc.update("insert into dead_letter (dead_letter_id, delivery_id, channel, original_message, reason, "
                + "attempts, failed_at) values (?, ?, 'PUSH', '{\"body\": \"Bienvenue Alice\"}', 'FCM 400', 8, ?)",
                UUID.randomUUID().toString(), dead, daysAgo(199));

        JsonNode report = runRetention();

        assertThat(report.get("emptied").get("delivery").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(report.get("deleted").get("dead_letter").asInt()).isGreaterThanOrEqualTo(1);
        for (String emptied : new String[] {delivered, dead}) {
            assertThat(deliveryColumn("message", emptied)).isEmpty();
            assertThat(deliveryColumn("title", emptied)).isNull();
            assertThat(deliveryColumn("route_url", emptied)).isNull();
            assertThat(deliveryColumn("coupon_code", emptied)).isEqualTo("CODE-" + emptied.substring(0, 8));
        }
        assertThat(deliveryColumn("status", dead)).isEqualTo("DEAD");
        assertThat(count("select count(*) from dead_letter where delivery_id = ?", dead)).isZero();
        assertThat(deliveryColumn("message", retrying)).isEqualTo("Bienvenue Alice");
        assertThat(deliveryColumn("route_url", retrying)).isNotNull();
        assertThat(deliveryColumn("message", young)).isEqualTo("Bienvenue Alice");
    }

    @Test
    void emptiedInAppMessageLeavesInbox() {
        String old = insertDelivery("SENT", daysAgo(200));
        String recent = insertDelivery("SENT", daysAgo(100));
        jdbc.update("update delivery set channel = 'IN_APP' where delivery_id in (?, ?)", old, recent);

        runRetention();

        assertThat(deliveryColumn("message", old)).isEmpty();
        JsonNode inbox = app().get("/api/v1/customers/demo-alice/inbox").json();
        List<String> listed = new ArrayList<>();
        inbox.forEach(entry -> listed.add(entry.get("deliveryId").asString()));
        assertThat(listed).contains(recent);
        assertThat(listed).doesNotContain(old);
    }

    /**
     * A dead letter replayed while the run empties its delivery: the run read the delivery as DEAD before the replay
     * committed, but must not empty the message that the outbox is about to send.
     */
    @Test
    void replayDuringRunKeepsMessage() throws Exception {
        String dead = insertDelivery("DEAD", daysAgo(200));
        String deadLetterId = UUID.randomUUID().toString();
        jdbc.update("insert into dead_letter (dead_letter_id, delivery_id, channel, original_message, reason, "
                + "attempts, failed_at) values (?, ?, 'PUSH', '{\"body\": \"Bienvenue Alice\"}', 'FCM 400', 8, ?)",
                deadLetterId, dead, daysAgo(199));

        CompletableFuture<JsonNode> retention;
        try (Connection replay = dataSource.getConnection()) {
            // The statements of the dead letter replay, left uncommitted until the run waits for their locks.
            replay.setAutoCommit(false);
            try (Statement statement = replay.createStatement()) {
                statement.executeUpdate("update dead_letter set replayed_at = current_timestamp "
                        + "where dead_letter_id = '" + deadLetterId + "'");
                statement.executeUpdate("update delivery set status = 'QUEUED', attempts = 0, next_attempt_at = "
                        + "current_timestamp + interval '1' day where delivery_id = '" + dead + "' and status = 'DEAD'");
            }
            retention = CompletableFuture.supplyAsync(this::runRetention);
            awaitLockWait(retention);
            replay.commit();
        }
        retention.get(30, TimeUnit.SECONDS);

        assertThat(deliveryColumn("status", dead)).isEqualTo("QUEUED");
        assertThat(deliveryColumn("message", dead)).isEqualTo("Bienvenue Alice");
        assertThat(deliveryColumn("route_url", dead)).isNotNull();
        assertThat(count("select count(*) from dead_letter where delivery_id = ?", dead)).isOne();
    }

    @Test
    void inactiveProfileErasedActiveKept() {
        String inactive = backdatedCustomer("inactive");
        String consented = backdatedCustomer("consented");
        app().post("/api/v1/customers/" + consented + "/consents", """
                {"purpose": "MARKETING", "channel": "EMAIL", "status": "GRANTED", "source": "web-signup"}""");
        String loyal = backdatedCustomer("loyal");
        jdbc.update("insert into loyalty_account (customer_id, balance, lifetime_points, tier, last_activity, "
                + "version) values (?, 10, 10, 'BRONZE', ?, 0)", loyal, daysAgo(10));

        JsonNode report = runRetention();

        assertThat(report.get("profilesErased").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(erasedAt(inactive)).isNotNull();
        assertThat(count("select count(*) from customer_identity where customer_id = ?", inactive)).isZero();
        assertThat(count("select count(*) from consent where customer_id = ?", inactive)).isZero();
        assertThat(count("select count(*) from interaction where customer_id = ?", inactive)).isOne();
        assertThat(erasedAt(consented)).isNull();
        assertThat(count("select count(*) from customer_identity where customer_id = ?", consented)).isOne();
        assertThat(erasedAt(loyal)).isNull();
        assertThat(count("select count(*) from customer_identity where customer_id = ?", loyal)).isOne();
    }

    @Test
    void consentFromImportIsNotActivity() throws InterruptedException {
        String reimported = backdatedCustomer("reimported");
        String csv = "email,emailConsent\nreimported-" + run + "@example.fr,GRANTED\n";
        ApiClient.Response started = marketer().post("/api/v1/customer-imports?fileName=crm.csv", csv, "text/csv");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode job = awaitImport(started.json().get("jobId").asString());
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("rowsImported").asInt()).isOne();
        assertThat(count("select count(*) from consent where customer_id = ? and channel = 'EMAIL' "
                + "and recorded_at > ?", reimported, daysAgo(1))).isOne();

        runRetention();

        assertThat(erasedAt(reimported)).isNotNull();
        assertThat(count("select count(*) from customer_identity where customer_id = ?", reimported)).isZero();
    }

    @Test
    void retentionRunIsForAdministrators() {
        assertThat(marketer().post("/api/v1/retention-runs", "").status()).isEqualTo(403);
        assertThat(app().post("/api/v1/retention-runs", "").status()).isEqualTo(403);
    }

    private JsonNode runRetention() {
        ApiClient.Response response = admin().post("/api/v1/retention-runs", "");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    /** Waits until a session waits for a lock, or fails when the run ended without waiting. */
    private void awaitLockWait(CompletableFuture<?> run) throws InterruptedException {
        String product = jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName());
        String waiting = "H2".equals(product)
                ? "select count(*) from information_schema.sessions where blocker_id is not null"
                : "select count(*) from pg_stat_activity where wait_event_type = 'Lock'";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count(waiting) == 0) {
            assertThat(run).as("retention run ended before it waited for the replay's locks").isNotDone();
            assertThat(System.nanoTime()).as("no session waited for the replay's locks").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private JsonNode awaitImport(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode job = marketer().get("/api/v1/customer-imports/" + jobId).json();
        while ("RUNNING".equals(job.get("status").asString()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = marketer().get("/api/v1/customer-imports/" + jobId).json();
        }
        return job;
    }

    /** Registers a customer with an email identity and a consent, then dates all of it four years back. */
    private String backdatedCustomer(String purpose) {
        String customerId = app().post("/api/v1/interactions", """
                {"eventId": "%s-%s", "type": "APP_REGISTERED", "occurredAt": "2026-12-01T10:00:00Z",
                 "identities": [{"type": "EMAIL", "value": "%s-%s@example.fr"}]}"""
                .formatted(purpose, run, purpose, run)).json().get("customerId").asString();
        app().post("/api/v1/customers/" + customerId + "/consents", """
                {"purpose": "MARKETING", "channel": "SMS", "status": "GRANTED", "source": "web-signup"}""");
        OffsetDateTime longAgo = daysAgo(4 * 366);
        jdbc.update("update customer set created_at = ?, first_seen_at = ?, last_interaction_at = ?, updated_at = ? "
                + "where customer_id = ?", longAgo, longAgo, longAgo, longAgo, customerId);
        jdbc.update("update interaction set occurred_at = ?, received_at = ? where customer_id = ?", longAgo, longAgo,
                customerId);
        jdbc.update("update consent set recorded_at = ? where customer_id = ?", longAgo, customerId);
        return customerId;
    }

    private void insertFix(String eventId, OffsetDateTime recordedAt) {
        jdbc.update("insert into location_event (event_id, customer_id, device_id, latitude, longitude, "
                + "accuracy_meters, recorded_at, received_at, status) values (?, 'demo-alice', ?, 48.8532, 2.3691, 12, "
                + "?, ?, 'PROCESSED')", eventId, "phone-" + run, recordedAt, recordedAt);
    }

    private String insertTransition(OffsetDateTime occurredAt) {
        String transitionId = UUID.randomUUID().toString();
        jdbc.update("insert into geofence_transition (transition_id, device_id, customer_id, store_id, kind, cause, "
                + "occurred_at, recorded_at) values (?, ?, 'demo-alice', 'demo-bastille', 'ENTER', 'FIX', ?, ?)",
                transitionId, "phone-" + run, occurredAt, occurredAt);
        return transitionId;
    }

    private void insertPresence(String deviceId, OffsetDateTime lastSeenAt) {
        jdbc.update("insert into device_presence (device_id, customer_id, last_fix_at, last_latitude, last_longitude, "
                + "last_accuracy_meters, last_seen_at, geofences) values (?, 'demo-alice', ?, 48.8532, 2.3691, 12, ?, "
                + "'[]')", deviceId, lastSeenAt, lastSeenAt);
    }

    private String insertDecision(OffsetDateTime decidedAt, String route) {
        String decisionId = UUID.randomUUID().toString();
        jdbc.update("insert into decision_record (decision_id, customer_id, channel, trigger_type, rules_version, "
                + "contact_at, decided_at, request_json, fired_rules, offers_json, rejections_json, facts_json) "
                + "values (?, 'demo-alice', 'PUSH', 'API', 'v1', ?, ?, ?, '[\"welcome\"]', ?, '[]', ?)", decisionId,
                decidedAt, decidedAt, "{\"latitude\": 48.8532, \"longitude\": 2.3691}",
                "[{\"offerId\": \"STORE-WELCOME-10\", \"routeUrl\": \"" + route + "\"}]",
                "{\"customer\": {\"loyaltyTier\": \"GOLD\", \"consentedChannels\": [\"EMAIL\"]}}");
        return decisionId;
    }

    /** Inserts a delivery; a FAILED one waits a day for its next attempt, so the dispatcher leaves it alone. */
    private String insertDelivery(String status, OffsetDateTime createdAt) {
        String deliveryId = UUID.randomUUID().toString();
        jdbc.update("insert into delivery (delivery_id, decision_id, customer_id, offer_id, channel, status, title, "
                + "message, coupon_code, route_url, created_at, updated_at, next_attempt_at) values (?, ?, "
                + "'demo-alice', 'STORE-WELCOME-10', 'PUSH', ?, '-10 %', 'Bienvenue Alice', ?, ?, ?, ?, ?)",
                deliveryId, UUID.randomUUID().toString(), status, "CODE-" + deliveryId.substring(0, 8),
                "https://www.openstreetmap.org/directions?route=48.8532%2C2.3691", createdAt, createdAt,
                now.plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC));
        return deliveryId;
    }

    private String fix(String eventId, Instant recordedAt) {
        return """
                {"eventId": "%s", "customerId": "demo-alice", "deviceId": "phone-%s", "latitude": 48.8532,
                 "longitude": 2.3691, "accuracyMeters": 12, "recordedAt": "%s"}""".formatted(eventId, run, recordedAt);
    }

    private OffsetDateTime daysAgo(int days) {
        return now.minus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC);
    }

    private String column(String column, String decisionId) {
        return jdbc.queryForObject("select " + column + " from decision_record where decision_id = ?", String.class,
                decisionId);
    }

    private String deliveryColumn(String column, String deliveryId) {
        return jdbc.queryForObject("select " + column + " from delivery where delivery_id = ?", String.class,
                deliveryId);
    }

    private Object erasedAt(String customerId) {
        return jdbc.queryForObject("select erased_at from customer where customer_id = ?", Object.class, customerId);
    }

    private int count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }
}
