package io.solomo.decision.store;

/**
 * A store's geofence near a position.
 *
 * @param radiusMeters   the circle's radius; for a polygon, the radius of a circle around the reference point that
 *                       holds the whole outline
 * @param polygon        true when the geofence is a polygon
 * @param distanceMeters distance from the position to the geofence's outline, 0 inside
 */
public record NearbyGeofence(String storeId, String name, String chain, double latitude, double longitude,
                             double radiusMeters, boolean polygon, double distanceMeters) {
}
