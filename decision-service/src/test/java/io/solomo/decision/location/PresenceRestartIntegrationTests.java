package io.solomo.decision.location;

import io.solomo.decision.SolomoApplication;
import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the server while a device is inside a geofence and starts a new one on the same database. The device must
 * still be inside: its next fix inside brings no second enter, and a fix outside brings the exit.
 */
class PresenceRestartIntegrationTests {

    /** Inside the 80 m circle of Demo Marché Bastille. */
    private static final double BASTILLE_LATITUDE = 48.8532;
    private static final double BASTILLE_LONGITUDE = 2.3691;
    /** About 760 m north of that store, outside every demo geofence. */
    private static final double OUTSIDE_LATITUDE = 48.8600;

    @Test
    void deviceInsideStaysInsideAfterRestart() {
        String database = "presence-restart-" + UUID.randomUUID();
        String deviceId = "restart-phone-" + UUID.randomUUID();
        Instant firstFixAt = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);

        try (ConfigurableApplicationContext first = start(database)) {
            post(first, "enter", deviceId, BASTILLE_LATITUDE, BASTILLE_LONGITUDE, firstFixAt);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            awaitProcessed(jdbc, deviceId, "enter");

            assertThat(transitions(jdbc, deviceId)).containsExactly("ENTER demo-bastille");
            assertThat(jdbc.queryForObject("select geofences from device_presence where device_id = ?",
                    String.class, deviceId)).contains("demo-bastille");
        }

        try (ConfigurableApplicationContext second = start(database)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);

            post(second, "still-inside", deviceId, BASTILLE_LATITUDE + 0.0001, BASTILLE_LONGITUDE,
                    firstFixAt.plusSeconds(30));
            awaitProcessed(jdbc, deviceId, "still-inside");
            post(second, "outside", deviceId, OUTSIDE_LATITUDE, BASTILLE_LONGITUDE, firstFixAt.plusSeconds(60));
            awaitProcessed(jdbc, deviceId, "outside");

            assertThat(assessment(jdbc, deviceId, "still-inside")).isEqualTo("APPLIED");
            assertThat(assessment(jdbc, deviceId, "outside")).isEqualTo("APPLIED");
            assertThat(transitions(jdbc, deviceId)).containsExactly("ENTER demo-bastille", "EXIT demo-bastille");
        }
    }

    @Test
    void sweepExitsStoredSilentDevice() {
        String database = "presence-silent-" + UUID.randomUUID();
        String deviceId = "silent-phone-" + UUID.randomUUID();
        Instant fixAt = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
        try (ConfigurableApplicationContext first = start(database)) {
            post(first, "enter", deviceId, BASTILLE_LATITUDE, BASTILLE_LONGITUDE, fixAt);
            awaitProcessed(first.getBean(JdbcTemplate.class), deviceId, "enter");
        }

        try (ConfigurableApplicationContext second = start(database, "--solomo.location.silence-timeout=PT1S",
                "--solomo.location.sweep-interval=PT0.2S")) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (transitions(jdbc, deviceId).size() < 2 && Instant.now().isBefore(deadline)) {
                pause();
            }

            assertThat(transitions(jdbc, deviceId)).containsExactly("ENTER demo-bastille", "EXIT demo-bastille");
            assertThat(jdbc.queryForObject("select count(*) from device_presence where device_id = ?",
                    Integer.class, deviceId)).isZero();
        }
    }

    @Test
    void sweepRecordsNothingForErasedCustomer() {
        String database = "presence-erased-" + UUID.randomUUID();
        String deviceId = "erased-phone-" + UUID.randomUUID();
        Instant fixAt = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
        try (ConfigurableApplicationContext server = start(database, "--solomo.location.silence-timeout=PT3S",
                "--solomo.location.sweep-interval=PT0.2S")) {
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            post(server, "enter", deviceId, BASTILLE_LATITUDE, BASTILLE_LONGITUDE, fixAt);
            awaitProcessed(jdbc, deviceId, "enter");
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();

            ApiClient.Response erased = ApiClient.on(port).as("admin", DemoServer.PASSWORD)
                    .delete("/api/v1/customers/demo-alice");
            // Past the silence timeout, the sweep would give a device still in memory its synthetic exit.
            sleep(Duration.ofSeconds(5));

            assertThat(erased.status()).as(erased.text()).isEqualTo(200);
            assertThat(transitions(jdbc, deviceId)).as("no exit recorded under the erased customer").isEmpty();
            assertThat(jdbc.queryForObject("select count(*) from device_presence where device_id = ?",
                    Integer.class, deviceId)).isZero();
        }
    }

    @Test
    void legacyReceivedFixHandledAtStart() {
        String database = "presence-received-" + UUID.randomUUID();
        String deviceId = "upgraded-phone-" + UUID.randomUUID();
        Instant fixAt = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
        try (ConfigurableApplicationContext first = start(database)) {
            // A fix as left by a version that stored each fix before handling it.
            first.getBean(JdbcTemplate.class).update("insert into location_event (event_id, customer_id, device_id, "
                    + "latitude, longitude, accuracy_meters, recorded_at, received_at, status) "
                    + "values (?, 'demo-alice', ?, ?, ?, 10, ?, ?, 'RECEIVED')", "legacy-" + deviceId, deviceId,
                    BASTILLE_LATITUDE, BASTILLE_LONGITUDE, fixAt.atOffset(ZoneOffset.UTC),
                    fixAt.atOffset(ZoneOffset.UTC));
        }

        try (ConfigurableApplicationContext second = start(database)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            awaitProcessed(jdbc, deviceId, "legacy");

            assertThat(assessment(jdbc, deviceId, "legacy")).isEqualTo("APPLIED");
            assertThat(transitions(jdbc, deviceId)).containsExactly("ENTER demo-bastille");
        }
    }

    @Test
    void unstorableReceivedFixDoesNotStopStart() {
        String database = "presence-unstorable-" + UUID.randomUUID();
        // Fits location_event.device_id but not geofence_transition.device_id, so the enter cannot be stored.
        String deviceId = "upgraded-phone-" + "x".repeat(100);
        Instant fixAt = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
        try (ConfigurableApplicationContext first = start(database)) {
            first.getBean(JdbcTemplate.class).update("insert into location_event (event_id, customer_id, device_id, "
                    + "latitude, longitude, accuracy_meters, recorded_at, received_at, status) "
                    + "values ('legacy-unstorable', 'demo-alice', ?, ?, ?, 10, ?, ?, 'RECEIVED')", deviceId,
                    BASTILLE_LATITUDE, BASTILLE_LONGITUDE, fixAt.atOffset(ZoneOffset.UTC),
                    fixAt.atOffset(ZoneOffset.UTC));
        }

        try (ConfigurableApplicationContext second = start(database)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);

            assertThat(second.isRunning()).isTrue();
            assertThat(jdbc.queryForObject("select status from location_event where event_id = 'legacy-unstorable'",
                    String.class)).isEqualTo("RECEIVED");
        }
    }

    private static ConfigurableApplicationContext start(String database, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                "--server.shutdown=immediate",
                "--camel.main.shutdown-timeout=1"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(SolomoApplication.class).profiles("demo")
                .run(arguments.toArray(String[]::new));
    }

    private static void post(ConfigurableApplicationContext server, String name, String deviceId, double latitude,
                             double longitude, Instant recordedAt) {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        ApiClient.Response accepted = ApiClient.on(port).as("app", DemoServer.PASSWORD).post("/api/v1/location-events",
                """
                {"eventId": "%s-%s", "customerId": "demo-alice", "deviceId": "%s",
                 "latitude": %s, "longitude": %s, "accuracyMeters": 10, "recordedAt": "%s"}"""
                        .formatted(name, deviceId, deviceId, latitude, longitude, recordedAt));
        assertThat(accepted.status()).as("status of fix %s", name).isEqualTo(202);
    }

    private static List<String> transitions(JdbcTemplate jdbc, String deviceId) {
        return jdbc.queryForList("select kind || ' ' || store_id from geofence_transition where device_id = ? "
                + "order by occurred_at", String.class, deviceId);
    }

    private static String assessment(JdbcTemplate jdbc, String deviceId, String name) {
        return jdbc.queryForObject("select assessment from location_event where event_id = ?", String.class,
                name + "-" + deviceId);
    }

    private static void awaitProcessed(JdbcTemplate jdbc, String deviceId, String name) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String status = null;
        while (Instant.now().isBefore(deadline)) {
            List<String> statuses = jdbc.queryForList("select status from location_event where event_id = ?",
                    String.class, name + "-" + deviceId);
            status = statuses.isEmpty() ? null : statuses.get(0);
            if ("PROCESSED".equals(status)) {
                return;
            }
            pause();
        }
        throw new AssertionError("fix " + name + " is " + status + ", not PROCESSED, after 20 s");
    }

    private static void sleep(Duration duration) {
        Instant until = Instant.now().plus(duration);
        while (Instant.now().isBefore(until)) {
            pause();
        }
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
