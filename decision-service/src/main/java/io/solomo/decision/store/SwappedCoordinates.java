package io.solomo.decision.store;

import java.util.Arrays;
import java.util.List;

/**
 * Finds stores whose latitude and longitude were probably swapped: in a collection whose stores mostly lie in one
 * area, a store far from it (over 500 km from the median position) that would lie within 200 km of it with its two
 * coordinates exchanged. Collections of fewer than three stores are not checked.
 */
final class SwappedCoordinates {

    private static final double FAR_METERS = 500_000;
    private static final double NEAR_METERS = 200_000;

    private final double medianLatitude;
    private final double medianLongitude;
    private final boolean checked;

    private SwappedCoordinates(double medianLatitude, double medianLongitude, boolean checked) {
        this.medianLatitude = medianLatitude;
        this.medianLongitude = medianLongitude;
        this.checked = checked;
    }

    static SwappedCoordinates of(List<Store> stores) {
        if (stores.size() < 3) {
            return new SwappedCoordinates(0, 0, false);
        }
        double[] latitudes = stores.stream().mapToDouble(Store::latitude).toArray();
        double[] longitudes = stores.stream().mapToDouble(Store::longitude).toArray();
        Arrays.sort(latitudes);
        Arrays.sort(longitudes);
        return new SwappedCoordinates(latitudes[latitudes.length / 2], longitudes[longitudes.length / 2], true);
    }

    /** Returns the rejection reason when the store's coordinates look swapped, else null. */
    String suspicion(Store store) {
        if (!checked || Math.abs(store.longitude()) > 90) {
            return null;
        }
        double distance = GeoDistance.meters(medianLatitude, medianLongitude, store.latitude(), store.longitude());
        double swapped = GeoDistance.meters(medianLatitude, medianLongitude, store.longitude(), store.latitude());
        if (distance > FAR_METERS && swapped < NEAR_METERS) {
            return String.format(java.util.Locale.ROOT, "latitude and longitude look swapped: the store lies %.0f km "
                    + "from the other stores of the file, but %.0f km with the two exchanged; GeoJSON puts the "
                    + "longitude first", distance / 1000, swapped / 1000);
        }
        return null;
    }
}
