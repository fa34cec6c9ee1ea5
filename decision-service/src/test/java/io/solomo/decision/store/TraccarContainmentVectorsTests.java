package io.solomo.decision.store;

import io.solomo.decision.support.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Replays Traccar's geofence test vectors (polygons across the antimeridian and the prime meridian, a circle) through
 * the GeoJSON import and the geofence index. Traccar writes WKT latitude first; the test turns each outline into
 * standard longitude-first GeoJSON, as a brand's export would be.
 */
class TraccarContainmentVectorsTests {

    private static final String VECTORS = "gps/traccar-geofence__containment-vectors.json";
    private static JsonNode vectors;

    @BeforeAll
    static void readVectors() throws Exception {
        Optional<Path> file = SharedData.file(VECTORS);
        assumeTrue(file.isPresent(), SharedData.absent(VECTORS));
        vectors = JsonMapper.builder().build().readTree(Files.readAllBytes(file.get()));
    }

    @Test
    void everyContainmentVectorIsClassifiedRight() {
        int checked = 0;
        for (JsonNode vector : vectors.get("cases")) {
            GeofenceIndex index = indexOf(vector.get("name").asString(), vector.get("wkt").asString());

            for (JsonNode point : vector.get("inside")) {
                assertThat(index.storesContaining(point.get(0).doubleValue(), point.get(1).doubleValue()))
                        .as("%s should contain %s", vector.get("name").asString(), point).hasSize(1);
                checked++;
            }
            for (JsonNode point : vector.get("outside")) {
                assertThat(index.storesContaining(point.get(0).doubleValue(), point.get(1).doubleValue()))
                        .as("%s should not contain %s", vector.get("name").asString(), point).isEmpty();
                checked++;
            }
        }

        assertThat(checked).isEqualTo(10);
    }

    @Test
    void everySegmentVectorIsClassifiedRight() {
        int checked = 0;
        for (JsonNode vector : vectors.get("segment_intersection")) {
            GeofenceIndex index = indexOf("segment-" + checked, vector.get("wkt").asString());
            JsonNode from = vector.get("segment").get(0);
            JsonNode to = vector.get("segment").get(1);

            List<String> crossed = index.crossedBy(from.get(0).doubleValue(), from.get(1).doubleValue(),
                    to.get(0).doubleValue(), to.get(1).doubleValue());

            assertThat(!crossed.isEmpty()).as("segment %s", vector.get("segment"))
                    .isEqualTo(vector.get("intersects").asBoolean());
            checked++;
        }

        assertThat(checked).isEqualTo(4);
    }

    /** Imports one Traccar WKT geofence (latitude first) as longitude-first GeoJSON and indexes it. */
    private static GeofenceIndex indexOf(String id, String traccarWkt) {
        String geometry;
        String properties = "{}";
        String body = traccarWkt.substring(traccarWkt.indexOf('(')).replaceAll("[()]", " ").trim();
        if (traccarWkt.startsWith("CIRCLE")) {
            String[] parts = body.split(",");
            String[] centre = parts[0].trim().split("\\s+");
            geometry = "{\"type\": \"Point\", \"coordinates\": [" + centre[1] + ", " + centre[0] + "]}";
            properties = "{\"radius\": " + parts[1].trim() + "}";
        } else {
            List<String> positions = new ArrayList<>();
            for (String vertex : body.split(",")) {
                String[] latitudeLongitude = vertex.trim().split("\\s+");
                positions.add("[" + latitudeLongitude[1] + ", " + latitudeLongitude[0] + "]");
            }
            if (!positions.get(0).equals(positions.get(positions.size() - 1))) {
                positions.add(positions.get(0));
            }
            geometry = "{\"type\": \"Polygon\", \"coordinates\": [[" + String.join(", ", positions) + "]]}";
        }
        String collection = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"id\": \""
                + id + "\", \"properties\": " + properties + ", \"geometry\": " + geometry + "}]}";
        GeoJsonStoreReader reader = new GeoJsonStoreReader(JsonMapper.builder().build(), 100, ZoneId.of("UTC"));
        GeoJsonStoreReader.Result result = reader.read(collection.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        assertThat(result.rejected()).as("import of %s", id).isEmpty();
        GeofenceIndex index = new GeofenceIndex();
        index.rebuild(result.stores());
        return index;
    }
}
