package io.solomo.decision.store;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks and normalises an imported polygon outline (longitude first, WGS 84):
 * <ul>
 *   <li>a ring whose consecutive longitudes jump by more than 180 degrees crosses the antimeridian; it is unwrapped
 *   and the polygon is split at 180 degrees into a MultiPolygon within -180..180, as RFC 7946 recommends;</li>
 *   <li>an invalid outline, such as a self-intersecting ring, is repaired with JTS {@link GeometryFixer}; it is
 *   rejected with the validation error when the repair leaves no area;</li>
 *   <li>rings are oriented as RFC 7946 asks: exterior counterclockwise, holes clockwise.</li>
 * </ul>
 */
final class OutlineRepair {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private OutlineRepair() {
    }

    /**
     * Returns the checked outline.
     *
     * @throws GeoJsonStoreReader.FeatureRejected when the outline cannot be repaired
     */
    static Geometry checked(Geometry outline) {
        Geometry unwrapped = crossesAntimeridian(outline) ? splitAtAntimeridian(unwrap(outline)) : outline;
        IsValidOp validity = new IsValidOp(unwrapped);
        Geometry valid = unwrapped;
        if (!validity.isValid()) {
            valid = GeometryFixer.fix(unwrapped);
            if (valid.isEmpty() || !(valid instanceof Polygonal) || valid.getArea() == 0) {
                throw new GeoJsonStoreReader.FeatureRejected("the outline is not a valid polygon and could not be "
                        + "repaired: " + validity.getValidationError().getMessage() + " near "
                        + validity.getValidationError().getCoordinate());
            }
        }
        return oriented(valid);
    }

    private static boolean crossesAntimeridian(Geometry outline) {
        for (int i = 0; i < outline.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) outline.getGeometryN(i);
            if (jumps(polygon.getExteriorRing().getCoordinates())) {
                return true;
            }
        }
        return false;
    }

    private static boolean jumps(Coordinate[] ring) {
        for (int i = 1; i < ring.length; i++) {
            if (Math.abs(ring[i].x - ring[i - 1].x) > 180) {
                return true;
            }
        }
        return false;
    }

    /** Moves western longitudes east by 360 degrees, so that each ring is continuous across 180. */
    private static Geometry unwrap(Geometry outline) {
        Geometry copy = outline.copy();
        copy.apply((org.locationtech.jts.geom.CoordinateFilter) coordinate -> {
            if (coordinate.x < 0) {
                coordinate.x += 360;
            }
        });
        copy.geometryChanged();
        return copy;
    }

    private static Geometry splitAtAntimeridian(Geometry unwrapped) {
        Geometry east = unwrapped.intersection(GEOMETRY.toGeometry(new Envelope(-180, 180, -90, 90)));
        Geometry west = unwrapped.intersection(GEOMETRY.toGeometry(new Envelope(180, 540, -90, 90)));
        west = AffineTransformation.translationInstance(-360, 0).transform(west);
        List<Polygon> parts = new ArrayList<>();
        collect(east, parts);
        collect(west, parts);
        return parts.size() == 1 ? parts.get(0) : GEOMETRY.createMultiPolygon(parts.toArray(Polygon[]::new));
    }

    private static void collect(Geometry geometry, List<Polygon> parts) {
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            if (geometry.getGeometryN(i) instanceof Polygon polygon && !polygon.isEmpty()) {
                parts.add(polygon);
            }
        }
    }

    private static Geometry oriented(Geometry outline) {
        List<Polygon> polygons = new ArrayList<>();
        for (int i = 0; i < outline.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) outline.getGeometryN(i);
            LinearRing shell = ring(polygon.getExteriorRing(), true);
            LinearRing[] holes = new LinearRing[polygon.getNumInteriorRing()];
            for (int hole = 0; hole < holes.length; hole++) {
                holes[hole] = ring(polygon.getInteriorRingN(hole), false);
            }
            polygons.add(GEOMETRY.createPolygon(shell, holes));
        }
        return polygons.size() == 1 ? polygons.get(0) : GEOMETRY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static LinearRing ring(LinearRing ring, boolean counterClockwise) {
        boolean isCounterClockwise = Orientation.isCCW(ring.getCoordinates());
        return isCounterClockwise == counterClockwise ? ring : ring.reverse();
    }
}
