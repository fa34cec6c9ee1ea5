package io.solomo.decision.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeofenceIndexTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void circleContainsPointsWithinItsRadiusOnly() {
        GeofenceIndex index = new GeofenceIndex();
        index.rebuild(List.of(Store.withCircle("circle", "Circle", null, 48.85, 2.35, 100, PARIS, NOW)));
        double metresPerDegreeLongitude = GeoDistance.METERS_PER_DEGREE * Math.cos(Math.toRadians(48.85));

        assertThat(index.storeAt(48.85, 2.35 + 99 / metresPerDegreeLongitude)).isPresent();
        assertThat(index.storeAt(48.85, 2.35 + 101 / metresPerDegreeLongitude)).isEmpty();
        assertThat(index.storeAt(48.85 + 99 / GeoDistance.METERS_PER_DEGREE, 2.35)).isPresent();
        assertThat(index.storeAt(48.85 + 101 / GeoDistance.METERS_PER_DEGREE, 2.35)).isEmpty();
    }

    @Test
    void polygonContainsInsideAndEdgeButNotOutside() {
        GeofenceIndex index = new GeofenceIndex();
        index.rebuild(List.of(Store.withOutline("square", "Square", null, 48.8675, 2.3635,
                "POLYGON ((2.363 48.8672, 2.364 48.8672, 2.364 48.8678, 2.363 48.8678, 2.363 48.8672))", PARIS, NOW)));

        assertThat(index.storeAt(48.8675, 2.3635)).isPresent();
        assertThat(index.storeAt(48.8672, 2.3635)).as("a fix on the outline").isPresent();
        assertThat(index.storeAt(48.8679, 2.3635)).isEmpty();
    }

    @Test
    void nearestOfOverlappingStoresWins() {
        GeofenceIndex index = new GeofenceIndex();
        index.rebuild(List.of(
                Store.withCircle("far", "Far", null, 48.8500, 2.3500, 500, PARIS, NOW),
                Store.withCircle("near", "Near", null, 48.8510, 2.3500, 200, PARIS, NOW)));

        assertThat(index.storeAt(48.8511, 2.3500)).get().extracting(match -> match.storeId()).isEqualTo("near");
        assertThat(index.storeAt(48.8490, 2.3500)).get().extracting(match -> match.storeId()).isEqualTo("far");
    }

    @Test
    void rebuildReplacesTheStoreList() {
        GeofenceIndex index = new GeofenceIndex();
        index.rebuild(List.of(Store.withCircle("old", "Old", null, 48.85, 2.35, 100, PARIS, NOW)));

        index.rebuild(List.of(Store.withCircle("new", "New", null, 43.30, 5.37, 100, PARIS, NOW)));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.storeAt(48.85, 2.35)).isEmpty();
        assertThat(index.storeAt(43.30, 5.37)).isPresent();
    }
}
