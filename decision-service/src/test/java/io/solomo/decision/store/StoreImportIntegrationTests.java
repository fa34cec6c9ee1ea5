package io.solomo.decision.store;

import io.solomo.decision.support.ApiClient;
import io.solomo.decision.support.DemoServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
