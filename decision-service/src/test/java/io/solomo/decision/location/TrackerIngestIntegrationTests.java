package io.solomo.decision.location;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.RawRequests;
import io.solomo.decision.support.SharedData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * OwnTracks and OsmAnd/Traccar Client payloads, the real ones where the shared data has them. The real payloads were
 * recorded in 2014 and 2015, long before any retention period, so this class turns the retention of location fixes
 * off, in a database of its own.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:tracker-ingest;DB_CLOSE_DELAY=-1",
        "solomo.retention.location-fixes="
})
class TrackerIngestIntegrationTests extends DemoServer {

    private static final String QUERY_STRINGS = "gps/traccar-osmand__query-strings.txt";
    private static final String OWNTRACKS = "/api/v1/ingest/owntracks?customerId=demo-alice";
    private static final String OSMAND = "/api/v1/ingest/osmand?customerId=demo-alice";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void ownTracksLocationWithStringNumbersIsStored() {
        String device = "ot-" + UUID.randomUUID().toString().substring(0, 8);
        long tst = Instant.now().getEpochSecond();

        ApiClient.Response response = app().post("/api/v1/ingest/owntracks?customerId=demo-alice", """
                {"_type": "location", "tid": "%s", "lat": "45.7600", "lon": 4.83, "tst": "%d", "acc": "12",
                 "vel": -1, "cog": -1, "batt": 80, "topic": "owntracks/alice/phone"}""".formatted(device, tst));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("[]");
        assertThat(jdbc.queryForObject("select accuracy_meters from location_event where device_id = ?",
                Double.class, device)).isEqualTo(12.0);
        assertThat(jdbc.queryForObject("select recorded_at from location_event where device_id = ?",
                Instant.class, device)).isEqualTo(Instant.ofEpochSecond(tst));
    }

    @Test
    void ownTracksTransitionAtStoreBringsOffer() {
        String device = "ot-" + UUID.randomUUID().toString().substring(0, 8);

        ApiClient.Response response = app().post("/api/v1/ingest/owntracks?customerId=demo-alice", """
                {"_type": "transition", "tid": "%s", "event": "enter", "desc": "Bastille", "t": "c",
                 "lat": 48.8532, "lon": 2.3691, "acc": 10, "tst": %d, "wtst": 1700000000}"""
                .formatted(device, Instant.now().getEpochSecond()));

        assertThat(response.status()).isEqualTo(200);
        String eventId = awaitProcessed(device);
        assertThat(jdbc.queryForObject("select count(*) from delivery where event_id = ?", Integer.class, eventId))
                .isEqualTo(1);
    }

    @Test
    void ownTracksOtherMessagesAreAcknowledged() {
        ApiClient.Response response = app().post("/api/v1/ingest/owntracks?customerId=demo-alice", """
                {"_type": "waypoint", "desc": "Home", "lat": 48.85, "lon": 2.35, "rad": 50, "tst": 1700000000}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("[]");
    }

    @Test
    void ownTracksWithoutDeviceNamesTheHeader() {
        ApiClient.Response response = app().post("/api/v1/ingest/owntracks?customerId=demo-alice", """
                {"_type": "location", "lat": 45.76, "lon": 4.83, "tst": %d}"""
                .formatted(Instant.now().getEpochSecond()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("X-Limit-D");
        assertThat(response.json().get("detail").asString()).contains("X-Limit-D header", "tid");
    }

    @Test
    void ownTracksEmptyHeaderUsesTid() throws Exception {
        String device = "ot-" + UUID.randomUUID().toString().substring(0, 8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/ingest/owntracks?customerId=demo-alice"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("app:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("X-Limit-D", "")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"_type": "location", "tid": "%s", "lat": 45.76, "lon": 4.83, "tst": %d}"""
                        .formatted(device, Instant.now().getEpochSecond())))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from location_event where device_id = ?", Integer.class,
                device)).isEqualTo(1);
    }

    @Test
    void ownTracksFixWithRolloverDateIsRejected() {
        ApiClient.Response response = app().post("/api/v1/ingest/owntracks?customerId=demo-alice", """
                {"_type": "location", "tid": "zz", "lat": 48.85, "lon": 2.35, "tst": 997085354}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("timestamp");
    }

    @Test
    void traccarClientJsonBodiesAreStored() throws Exception {
        for (int body = 1; body <= 4; body++) {
            String name = "gps/traccar-osmand__json-body-" + body + ".json";
            Optional<Path> file = SharedData.file(name);
            assumeTrue(file.isPresent(), SharedData.absent(name));

            ApiClient.Response response = app().post("/api/v1/ingest/osmand?customerId=demo-bob",
                    Files.readAllBytes(file.get()));

            assertThat(response.status()).as(name).isEqualTo(200);
        }

        assertThat(jdbc.queryForList("select distinct device_id from location_event where customer_id = 'demo-bob'",
                String.class)).contains("48241179", "658765", "8737767034");
        assertThat(jdbc.queryForObject("select accuracy_meters from location_event where device_id = '8737767034'",
                Double.class)).isEqualTo(3.8);
    }

    @Test
    void osmAndQueryStringsAreStoredOrRejected() throws Exception {
        Optional<Path> file = SharedData.file(QUERY_STRINGS);
        assumeTrue(file.isPresent(), SharedData.absent(QUERY_STRINGS));
        List<String> lines = Files.readAllLines(file.get()).stream().filter(line -> line.startsWith("/?")).toList();

        List<Integer> statuses = lines.stream()
                .map(line -> app().get("/api/v1/ingest/osmand?customerId=demo-chloe&" + line.substring(2)).status())
                .toList();

        assertThat(lines).hasSize(11);
        assertThat(statuses.get(0)).as("cell and Wi-Fi only, no position").isEqualTo(400);
        assertThat(statuses.get(1)).as("no device id").isEqualTo(400);
        assertThat(statuses.subList(2, statuses.size())).containsOnly(200);
        assertThat(jdbc.queryForObject("select recorded_at from location_event where device_id = '353861053849681'",
                Instant.class)).isEqualTo(Instant.parse("2014-06-04T09:10:11Z"));
        assertThat(jdbc.queryForObject("select recorded_at from location_event where device_id = '902064' "
                + "order by recorded_at limit 1", Instant.class)).isEqualTo(Instant.parse("2015-09-12T14:38:06.579Z"));
        assertThat(jdbc.queryForObject("select accuracy_meters from location_event where device_id = '902064' "
                + "order by recorded_at limit 1", Double.class)).isEqualTo(30.0);
    }

    @Test
    void osmAndNeedsCustomer() {
        ApiClient.Response response = app().get("/api/v1/ingest/osmand?id=1&lat=48.85&lon=2.35");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("customerId");
    }

    @Test
    void trackerBodiesOverLimitAreRejectedUnread() throws Exception {
        RawRequests raw = new RawRequests(port, "app", PASSWORD);

        for (String path : List.of(OWNTRACKS, OSMAND)) {
            RawRequests.Reply reply = raw.postDeclaringLength(path, "application/json", 400_000_000L);

            assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(413);
            assertThat(reply.json().get("type").asString()).as(path)
                    .isEqualTo("urn:solomo:problem:content-too-large");
            assertThat(reply.json().get("detail").asString()).as(path)
                    .isEqualTo("the request body is larger than the 65536 bytes this endpoint accepts "
                            + "(solomo.api.max-tracker-body-size)");
        }
    }

    @Test
    void chunkedTrackerBodiesOverLimitAreRejected() throws Exception {
        RawRequests raw = new RawRequests(port, "app", PASSWORD);
        byte[] ownTracks = padded("{\"_type\": \"location\", \"tid\": \"zz\", \"desc\": \"%s\"}", 70_000);
        byte[] traccar = padded("{\"device_id\": \"zz\", \"note\": \"%s\"}", 70_000);

        RawRequests.Reply ownTracksReply = raw.postChunked(OWNTRACKS, "application/json", ownTracks);
        RawRequests.Reply traccarReply = raw.postChunked(OSMAND, "application/json", traccar);

        assertThat(ownTracksReply.status()).as(ownTracksReply.body()).isEqualTo(413);
        assertThat(ownTracksReply.json().get("detail").asString()).contains("65536",
                "solomo.api.max-tracker-body-size");
        assertThat(traccarReply.status()).as(traccarReply.body()).isEqualTo(413);
        assertThat(traccarReply.json().get("detail").asString()).contains("65536",
                "solomo.api.max-tracker-body-size");
    }

    @Test
    void chunkedTrackerBodyUnderLimitIsStored() throws Exception {
        String device = "ot-" + UUID.randomUUID().toString().substring(0, 8);
        String fix = "{\"_type\": \"location\", \"tid\": \"" + device + "\", \"lat\": 45.76, \"lon\": 4.83, \"tst\": "
                + Instant.now().getEpochSecond() + ", \"desc\": \"%s\"}";

        RawRequests.Reply reply = new RawRequests(port, "app", PASSWORD)
                .postChunked(OWNTRACKS, "application/json", padded(fix, 60_000));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from location_event where device_id = ?", Integer.class,
                device)).isEqualTo(1);
    }

    @Test
    void emptyOwnTracksBodyIsMissing() {
        ApiClient.Response response = app().post(OWNTRACKS, "");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).isEqualTo("the request body is missing; send a JSON "
                + "object");
    }

    /** Returns the template with its {@code %s} replaced by spaces, so that the whole has {@code length} bytes. */
    private static byte[] padded(String template, int length) {
        String padding = " ".repeat(length - (template.length() - 2));
        return template.formatted(padding).getBytes(StandardCharsets.UTF_8);
    }

    private String awaitProcessed(String deviceId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<String> ids = jdbc.queryForList("select event_id from location_event where device_id = ? "
                    + "and status = 'PROCESSED'", String.class, deviceId);
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
        throw new AssertionError("no processed fix of device " + deviceId + " within 20 s");
    }
}
