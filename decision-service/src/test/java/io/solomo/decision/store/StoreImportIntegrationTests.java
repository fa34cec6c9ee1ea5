package io.solomo.decision.store;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import io.solomo.decision.support.RawRequests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class StoreImportIntegrationTests extends DemoServer {

    @Test
    void badFeaturesAreReportedAndGoodOnesImported() {
        String geoJson = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "import-ok", "properties": {"name": "Good"},
                   "geometry": {"type": "Point", "coordinates": [2.30, 48.86]}},
                  {"type": "Feature", "id": "no-geometry", "properties": {}, "geometry": null},
                  {"type": "Feature", "id": "swapped", "properties": {},
                   "geometry": {"type": "Point", "coordinates": [-33.87, 151.21]}},
                  {"type": "Feature", "id": "a-line", "properties": {},
                   "geometry": {"type": "LineString", "coordinates": [[2.3, 48.8], [2.4, 48.9]]}},
                  {"type": "Feature", "id": "bow-tie", "properties": {},
                   "geometry": {"type": "Polygon", "coordinates": [[[2.30, 48.80], [2.31, 48.81], [2.31, 48.80],
                                                                    [2.30, 48.81], [2.30, 48.80]]]}}
                ]}""";

        ApiClient.Response response = marketer().post("/api/v1/stores/import", geoJson);

        assertThat(response.status()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("imported").asInt()).isEqualTo(2);
        assertThat(report.get("rejected").size()).isEqualTo(3);
        assertThat(report.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").get(0).get("reason").asString()).contains("geometry is missing");
        assertThat(report.get("rejected").get(1).get("reason").asString()).contains("swapped");
        assertThat(report.get("rejected").get(2).get("reason").asString()).contains("LineString");
        assertThat(app().get("/api/v1/stores/bow-tie").status()).isEqualTo(200);
        assertThat(app().get("/api/v1/stores/import-ok").status()).isEqualTo(200);
        assertThat(app().get("/api/v1/stores/swapped").status()).isEqualTo(404);
    }

    @Test
    void importOverLimitIsRejectedUnread() throws Exception {
        RawRequests.Reply reply = new RawRequests(port, "marketer", PASSWORD)
                .postDeclaringLength("/api/v1/stores/import", "application/json", 200_000_000L);

        assertThat(reply.status()).as(reply.body()).isEqualTo(413);
        assertThat(reply.json().get("type").asString()).isEqualTo("urn:solomo:problem:content-too-large");
        assertThat(reply.json().get("detail").asString())
                .isEqualTo("the request body is larger than the 20971520 bytes this endpoint accepts "
                        + "(solomo.api.max-store-import-size)");
    }

    @Test
    void chunkedImportOverLimitIsRejected() throws Exception {
        String start = "{\"type\": \"FeatureCollection\", \"features\": [";
        byte[] body = new byte[20 * 1024 * 1024 + 100_000];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(start.getBytes(StandardCharsets.US_ASCII), 0, body, 0, start.length());
        body[body.length - 2] = ']';
        body[body.length - 1] = '}';

        RawRequests.Reply reply = new RawRequests(port, "marketer", PASSWORD)
                .postChunked("/api/v1/stores/import", "application/json", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(413);
        assertThat(reply.json().get("detail").asString()).contains("20971520", "solomo.api.max-store-import-size");
    }

    @Test
    void chunkedImportUnderLimitIsImported() throws Exception {
        byte[] body = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "chunked-import", "properties": {"name": "Chunked"},
                   "geometry": {"type": "Point", "coordinates": [2.31, 48.87]}}]}""".getBytes(StandardCharsets.UTF_8);

        RawRequests.Reply reply = new RawRequests(port, "marketer", PASSWORD)
                .postChunked("/api/v1/stores/import", "application/geo+json", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("imported").asInt()).isEqualTo(1);
        assertThat(app().get("/api/v1/stores/chunked-import").status()).isEqualTo(200);
    }

    @Test
    void notAFeatureCollectionIsRejected() {
        ApiClient.Response response = marketer().post("/api/v1/stores/import", """
                {"type": "Feature"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("type");
    }

    @Test
    void importNeedsTheMarketerRole() {
        ApiClient.Response response = app().post("/api/v1/stores/import", """
                {"type": "FeatureCollection", "features": []}""");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void unknownStoreIsNotFound() {
        ApiClient.Response response = app().get("/api/v1/stores/no-such-store");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("field").asString()).isEqualTo("storeId");
        assertThat(response.json().get("value").asString()).isEqualTo("no-such-store");
    }
}
