package io.solomo.model.location;

/**
 * A store whose geofence contains a position.
 *
 * @param distanceMeters distance from the position to the store's reference point, in metres
 */
public record StoreMatch(String storeId, String name, String chain, double latitude, double longitude,
                         double distanceMeters) {
}
