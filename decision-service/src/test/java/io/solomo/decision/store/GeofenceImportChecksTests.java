package io.solomo.decision.store;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Coordinate and outline checks of the GeoJSON store import. */
class GeofenceImportChecksTests {

    private final GeoJsonStoreReader reader = new GeoJsonStoreReader(JsonMapper.builder().build(), 100,
            ZoneId.of("Europe/Paris"));

    @Test
    void storeOnlyNearOthersWhenSwappedIsRejected() {
        GeoJsonStoreReader.Result result = read(point("a", 2.35, 48.85), point("b", 2.30, 48.87),
                point("c", 4.83, 45.76), point("swapped", 48.86, 2.34));

        assertThat(result.stores()).extracting(Store::storeId).containsExactly("a", "b", "c");
        assertThat(result.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.index()).isEqualTo(3);
            assertThat(rejection.reason()).contains("swapped");
        });
    }

    @Test
    void clockwiseRingIsTurnedCounterclockwise() throws Exception {
        GeoJsonStoreReader.Result result = read(polygon("cw",
                "[[2.30, 48.80], [2.30, 48.81], [2.31, 48.81], [2.31, 48.80], [2.30, 48.80]]"));

        Polygon outline = (Polygon) new WKTReader().read(result.stores().get(0).outlineWkt());
        assertThat(Orientation.isCCW(outline.getExteriorRing().getCoordinates())).isTrue();
    }

    @Test
    void selfIntersectingRingIsRepaired() throws Exception {
        GeoJsonStoreReader.Result result = read(polygon("bow-tie",
                "[[2.30, 48.80], [2.31, 48.81], [2.31, 48.80], [2.30, 48.81], [2.30, 48.80]]"));

        assertThat(result.rejected()).isEmpty();
        Geometry outline = new WKTReader().read(result.stores().get(0).outlineWkt());
        assertThat(outline.isValid()).isTrue();
        assertThat(outline.getArea()).isGreaterThan(0);
    }

    @Test
    void ringWithNoAreaIsRejectedWithReason() {
        GeoJsonStoreReader.Result result = read(polygon("flat",
                "[[2.30, 48.80], [2.31, 48.80], [2.32, 48.80], [2.30, 48.80]]"));

        assertThat(result.stores()).isEmpty();
        assertThat(result.rejected()).singleElement().satisfies(rejection ->
                assertThat(rejection.reason()).contains("not a valid polygon"));
    }

    @Test
    void polygonAcrossAntimeridianIsSplit() {
        GeoJsonStoreReader.Result result = read(polygon("fiji",
                "[[179.9, -17.0], [-179.9, -17.0], [-179.9, -16.9], [179.9, -16.9], [179.9, -17.0]]"));
        GeofenceIndex index = new GeofenceIndex();
        index.rebuild(result.stores());

        assertThat(result.stores().get(0).outlineWkt()).startsWith("MULTIPOLYGON");
        assertThat(index.storesContaining(-16.95, 179.95)).containsExactly("fiji");
        assertThat(index.storesContaining(-16.95, -179.95)).containsExactly("fiji");
        assertThat(index.storesContaining(-16.95, 0)).isEmpty();
    }

    @Test
    void openingHoursAreKeptWhenReadable() {
        GeoJsonStoreReader.Result result = read("""
                {"type": "Feature", "id": "open", "properties": {"opening_hours": "Mo-Sa 09:00-19:30"},
                 "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}}""", """
                {"type": "Feature", "id": "holidays", "properties": {"opening_hours": "Mo-Sa 09:00-19:30; PH off"},
                 "geometry": {"type": "Point", "coordinates": [2.36, 48.85]}}""");

        assertThat(result.stores().get(0).openingHours()).isEqualTo("Mo-Sa 09:00-19:30");
        assertThat(result.stores().get(1).openingHours()).isNull();
    }

    private GeoJsonStoreReader.Result read(String... features) {
        String collection = "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(",", features) + "]}";
        return reader.read(collection.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    private static String point(String id, double longitude, double latitude) {
        return """
                {"type": "Feature", "id": "%s", "properties": {},
                 "geometry": {"type": "Point", "coordinates": [%s, %s]}}""".formatted(id, longitude, latitude);
    }

    private static String polygon(String id, String ring) {
        return """
                {"type": "Feature", "id": "%s", "properties": {},
                 "geometry": {"type": "Polygon", "coordinates": [%s]}}""".formatted(id, ring);
    }
}
