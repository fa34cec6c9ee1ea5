package io.solomo.model.location;

import java.util.Optional;

/** Finds the store whose geofence contains a position. */
public interface GeofenceLocator {

    /**
     * Returns the store whose geofence contains the position, the nearest one when several do, or empty when none does.
     *
     * @param latitude  WGS 84 degrees
     * @param longitude WGS 84 degrees
     */
    Optional<StoreMatch> storeAt(double latitude, double longitude);
}
