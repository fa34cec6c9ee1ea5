package io.solomo.decision.store;

/**
 * A geofence near a position.
 *
 * @param boundaryDistanceMeters distance from the position to the geofence's outline in metres, negative inside
 * @param sizeMeters             the radius of a circle, or of the circle with the same area as a polygon, in metres
 */
public record GeofenceProximity(String storeId, double boundaryDistanceMeters, double sizeMeters) {

    public boolean inside() {
        return boundaryDistanceMeters <= 0;
    }
}
