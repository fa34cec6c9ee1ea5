package io.solomo.decision.store;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Distances at store scale on a plane tangent at the query position (equirectangular projection), in metres. The
 * error stays below 0.1 % for the few hundred metres a geofence spans.
 */
final class LocalPlane {

    private LocalPlane() {
    }

    /** Returns the distance in metres from the position to the nearest ring of a (multi)polygon in WGS 84. */
    static double distanceToRings(Geometry outline, double latitude, double longitude) {
        double cosine = Math.cos(Math.toRadians(latitude));
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < outline.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) outline.getGeometryN(i);
            best = Math.min(best, distanceToRing(polygon.getExteriorRing(), latitude, longitude, cosine));
            for (int hole = 0; hole < polygon.getNumInteriorRing(); hole++) {
                best = Math.min(best, distanceToRing(polygon.getInteriorRingN(hole), latitude, longitude, cosine));
            }
        }
        return best;
    }

    /** Returns the distance in metres from the position to the segment between two positions. */
    static double distanceToSegment(double latitude, double longitude, double latitude1, double longitude1,
                                    double latitude2, double longitude2) {
        double cosine = Math.cos(Math.toRadians(latitude));
        double x1 = (longitude1 - longitude) * cosine * GeoDistance.METERS_PER_DEGREE;
        double y1 = (latitude1 - latitude) * GeoDistance.METERS_PER_DEGREE;
        double x2 = (longitude2 - longitude) * cosine * GeoDistance.METERS_PER_DEGREE;
        double y2 = (latitude2 - latitude) * GeoDistance.METERS_PER_DEGREE;
        return originToSegment(x1, y1, x2, y2);
    }

    private static double distanceToRing(LineString ring, double latitude, double longitude, double cosine) {
        double best = Double.POSITIVE_INFINITY;
        Coordinate[] vertices = ring.getCoordinates();
        for (int i = 1; i < vertices.length; i++) {
            double x1 = (vertices[i - 1].x - longitude) * cosine * GeoDistance.METERS_PER_DEGREE;
            double y1 = (vertices[i - 1].y - latitude) * GeoDistance.METERS_PER_DEGREE;
            double x2 = (vertices[i].x - longitude) * cosine * GeoDistance.METERS_PER_DEGREE;
            double y2 = (vertices[i].y - latitude) * GeoDistance.METERS_PER_DEGREE;
            best = Math.min(best, originToSegment(x1, y1, x2, y2));
        }
        return best;
    }

    private static double originToSegment(double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / lengthSquared));
        double x = x1 + t * dx;
        double y = y1 + t * dy;
        return Math.sqrt(x * x + y * y);
    }
}
