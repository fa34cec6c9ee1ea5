package io.solomo.decision.location;

import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.TestPostgres;
import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.ProcessedFix;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's fallback when some rows already exist, on PostgreSQL: there a failed insert aborts its transaction,
 * so the rows must be written again in a new one.
 */
@DirtiesContext
class LocationEventJournalPostgresTests extends DemoServer {

    private static final EmbeddedPostgres POSTGRES = TestPostgres.start();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JpaLocationEventJournal journal;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, POSTGRES);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @Test
    void existingRowsFallBackOnPostgres() {
        String storedId = "pg-stored-" + UUID.randomUUID();
        String receivedId = "pg-received-" + UUID.randomUUID();
        String freshId = "pg-fresh-" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(10);
        app().post("/api/v1/location-events", """
                {"eventId": "%s", "customerId": "demo-alice", "deviceId": "phone-%s", "latitude": 45.76,
                 "longitude": 4.83}""".formatted(storedId, storedId));
        jdbc.update("insert into location_event (event_id, customer_id, device_id, latitude, longitude, "
                + "recorded_at, received_at, status) values (?, 'demo-alice', 'phone-legacy', 45.76, 4.83, ?, ?, "
                + "'RECEIVED')", receivedId, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));

        Set<String> alreadyStored = journal.recordProcessed(List.of(
                processed(storedId, at, FixAssessment.LATE),
                processed(receivedId, at, FixAssessment.APPLIED),
                processed(freshId, at, FixAssessment.APPLIED)));

        assertThat(alreadyStored).containsExactly(storedId);
        assertThat(jdbc.queryForObject("select assessment from location_event where event_id = ?", String.class,
                storedId)).isEqualTo("APPLIED");
        assertThat(jdbc.queryForObject("select status from location_event where event_id = ?", String.class,
                receivedId)).isEqualTo("PROCESSED");
        assertThat(jdbc.queryForObject("select status from location_event where event_id = ?", String.class,
                freshId)).isEqualTo("PROCESSED");
    }

    private static ProcessedFix processed(String eventId, Instant at, FixAssessment assessment) {
        return new ProcessedFix(new LocationFix(eventId, "demo-alice", "phone-" + eventId, 45.76, 4.83, 10.0, at),
                null, null, assessment);
    }
}
