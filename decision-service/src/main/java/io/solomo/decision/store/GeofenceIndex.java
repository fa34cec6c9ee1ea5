package io.solomo.decision.store;

import io.solomo.model.location.GeofenceLocator;
import io.solomo.model.location.StoreMatch;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stores' geofences in an STR-tree, queried on every location fix.
 *
 * <p>The tree is immutable once built: {@link #rebuild} builds a new one off the request path and swaps it in
 * atomically, so a lookup sees either the old or the new store list, never a mix. Circles are tested by their
 * geodesic distance on the WGS 84 ellipsoid (the haversine distance decides unless the point is within 0.6 % of the
 * radius from the circle, where the two can disagree), polygons with a prepared geometry ({@code covers}, so a fix
 * on the outline counts). Query longitudes are wrapped into -180..180 first.
 */
public class GeofenceIndex implements GeofenceLocator {

    private static final Logger log = LoggerFactory.getLogger(GeofenceIndex.class);
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.empty());

    /** Replaces the indexed geofences with those of the given stores. */
    public void rebuild(Collection<Store> stores) {
        STRtree tree = new STRtree();
        Set<String> storeIds = new HashSet<>();
        int skipped = 0;
        for (Store store : stores) {
            Geofence geofence = Geofence.of(store);
            if (geofence == null) {
                skipped++;
                continue;
            }
            for (Envelope envelope : geofence.wrappedEnvelopes()) {
                tree.insert(envelope, geofence);
            }
            storeIds.add(geofence.storeId());
        }
        tree.build();
        current.set(new Snapshot(tree, Set.copyOf(storeIds)));
        if (skipped > 0) {
            log.warn("Geofence index skipped {} stores whose outline could not be read", skipped);
        }
        log.info("Geofence index rebuilt with {} stores", storeIds.size());
    }

    /** Returns the number of geofences in the current index. */
    public int size() {
        return current.get().storeIds().size();
    }

    /** Returns the ids of the stores in the current index. */
    public Set<String> storeIds() {
        return current.get().storeIds();
    }

    @Override
    public Optional<StoreMatch> storeAt(double latitude, double longitude) {
        double wrapped = GeoDistance.normalizeLongitude(longitude);
        StoreMatch best = null;
        for (Geofence geofence : candidates(new Envelope(wrapped, wrapped, latitude, latitude))) {
            if (!geofence.contains(latitude, wrapped)) {
                continue;
            }
            StoreMatch match = geofence.match(latitude, wrapped);
            if (best == null || match.distanceMeters() < best.distanceMeters()
                    || match.distanceMeters() == best.distanceMeters() && match.storeId().compareTo(best.storeId()) < 0) {
                best = match;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Returns the ids of every store whose geofence contains the position, in no particular order. */
    public List<String> storesContaining(double latitude, double longitude) {
        double wrapped = GeoDistance.normalizeLongitude(longitude);
        List<String> ids = new ArrayList<>(2);
        current.get().tree().query(new Envelope(wrapped, wrapped, latitude, latitude), item -> {
            Geofence geofence = (Geofence) item;
            if (geofence.contains(latitude, wrapped)) {
                ids.add(geofence.storeId());
            }
        });
        return ids;
    }

    /**
     * Returns the geofences that contain the position or whose outline is at most {@code marginMeters} away, each
     * with the signed distance from the position to its outline (negative inside).
     */
    public List<GeofenceProximity> near(double latitude, double longitude, double marginMeters) {
        double wrapped = GeoDistance.normalizeLongitude(longitude);
        List<GeofenceProximity> found = new ArrayList<>(2);
        for (Geofence geofence : candidates(around(latitude, wrapped, marginMeters))) {
            double distance = geofence.boundaryDistance(latitude, wrapped);
            if (distance <= marginMeters) {
                found.add(new GeofenceProximity(geofence.storeId(), distance, geofence.sizeMeters()));
            }
        }
        return found;
    }

    /**
     * Returns the ids of the stores whose geofence the straight segment between two positions crosses or touches.
     * A segment longer than 180 degrees of longitude (one that crosses the antimeridian) crosses nothing.
     */
    public List<String> crossedBy(double latitude1, double longitude1, double latitude2, double longitude2) {
        double from = GeoDistance.normalizeLongitude(longitude1);
        double to = GeoDistance.normalizeLongitude(longitude2);
        if (Math.abs(from - to) > 180) {
            return List.of();
        }
        Envelope envelope = new Envelope(from, to, latitude1, latitude2);
        LineString segment = null;
        List<String> ids = new ArrayList<>(2);
        for (Geofence geofence : candidates(envelope)) {
            if (geofence.outline() == null) {
                if (geofence.circleTouchesSegment(latitude1, from, latitude2, to)) {
                    ids.add(geofence.storeId());
                }
                continue;
            }
            if (segment == null) {
                segment = GEOMETRY.createLineString(new Coordinate[]{
                        new Coordinate(from, latitude1), new Coordinate(to, latitude2)});
            }
            if (geofence.outline().intersects(segment)) {
                ids.add(geofence.storeId());
            }
        }
        return ids;
    }

    /**
     * Returns up to {@code limit} geofences nearest to the position, nearest first, within {@code maxMeters} of it; the
     * distance is 0 inside a geofence.
     */
    public List<NearbyGeofence> nearest(double latitude, double longitude, double maxMeters, int limit) {
        double wrapped = GeoDistance.normalizeLongitude(longitude);
        double searched = Math.min(maxMeters, 1_000);
        while (true) {
            List<NearbyGeofence> found = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Geofence geofence : candidates(around(latitude, wrapped, searched))) {
                double distance = Math.max(0, geofence.boundaryDistance(latitude, wrapped));
                if (distance <= searched && seen.add(geofence.storeId())) {
                    found.add(geofence.nearby(distance));
                }
            }
            if (found.size() >= limit || searched >= maxMeters) {
                found.sort(Comparator.comparingDouble(NearbyGeofence::distanceMeters)
                        .thenComparing(NearbyGeofence::storeId));
                return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
            }
            searched = Math.min(maxMeters, searched * 4);
        }
    }

    private List<Geofence> candidates(Envelope envelope) {
        List<Geofence> found = new ArrayList<>(4);
        current.get().tree().query(envelope, item -> found.add((Geofence) item));
        return found;
    }

    private static Envelope around(double latitude, double longitude, double meters) {
        double latitudeSpan = meters / GeoDistance.METERS_PER_DEGREE * 1.01;
        double cosine = Math.max(Math.cos(Math.toRadians(latitude)), 1e-6);
        double longitudeSpan = Math.min(180, latitudeSpan / cosine);
        return new Envelope(longitude - longitudeSpan, longitude + longitudeSpan,
                Math.max(-90, latitude - latitudeSpan), Math.min(90, latitude + latitudeSpan));
    }

    private record Snapshot(STRtree tree, Set<String> storeIds) {
        static Snapshot empty() {
            STRtree tree = new STRtree();
            tree.build();
            return new Snapshot(tree, Set.of());
        }
    }

    /**
     * One store's geofence: a circle ({@code outline} null) or a prepared polygon. {@code cosLatitude} scales
     * longitude degrees to metres at the centre.
     */
    private record Geofence(String storeId, String name, String chain, double latitude, double longitude,
                            double radiusMeters, PreparedGeometry outline, Envelope envelope, double sizeMeters,
                            double cosLatitude) {

        /**
         * Half-width of the band around a circle where the flat-plane distance may disagree with the ellipsoid: the
         * sphere differs from WGS 84 by up to 0.5 %, and the plane from the sphere by far less at store scale.
         */
        private static final double PLANE_ERROR = 0.01;

        static Geofence of(Store store) {
            if (store.outlineWkt() != null) {
                try {
                    Geometry geometry = new WKTReader(GEOMETRY).read(store.outlineWkt());
                    double cosine = Math.cos(Math.toRadians(store.latitude()));
                    double areaSquareMeters = geometry.getArea() * GeoDistance.METERS_PER_DEGREE
                            * GeoDistance.METERS_PER_DEGREE * cosine;
                    double enclosing = 0;
                    for (Coordinate vertex : geometry.getCoordinates()) {
                        enclosing = Math.max(enclosing,
                                GeoDistance.meters(store.latitude(), store.longitude(), vertex.y, vertex.x));
                    }
                    return new Geofence(store.storeId(), store.name(), store.chain(), store.latitude(),
                            store.longitude(), enclosing, PreparedGeometryFactory.prepare(geometry),
                            geometry.getEnvelopeInternal(), Math.sqrt(areaSquareMeters / Math.PI), cosine);
                } catch (ParseException unreadable) {
                    log.warn("Store {} has an unreadable outline: {}", store.storeId(), unreadable.getMessage());
                    return null;
                }
            }
            double radius = store.radiusMeters();
            return new Geofence(store.storeId(), store.name(), store.chain(), store.latitude(), store.longitude(),
                    radius, null, around(store.latitude(), store.longitude(), radius), radius,
                    Math.cos(Math.toRadians(store.latitude())));
        }

        /** The envelope, plus its copy shifted by 360 degrees when a circle reaches over the antimeridian. */
        List<Envelope> wrappedEnvelopes() {
            if (envelope.getMinX() < -180) {
                return List.of(envelope, new Envelope(envelope.getMinX() + 360, 180, envelope.getMinY(),
                        envelope.getMaxY()));
            }
            if (envelope.getMaxX() > 180) {
                return List.of(envelope, new Envelope(-180, envelope.getMaxX() - 360, envelope.getMinY(),
                        envelope.getMaxY()));
            }
            return List.of(envelope);
        }

        boolean contains(double pointLatitude, double pointLongitude) {
            if (outline == null) {
                double dy = (pointLatitude - latitude) * GeoDistance.METERS_PER_DEGREE;
                double dx = GeoDistance.normalizeLongitude(pointLongitude - longitude) * cosLatitude
                        * GeoDistance.METERS_PER_DEGREE;
                double squared = dx * dx + dy * dy;
                double inner = radiusMeters * (1 - PLANE_ERROR);
                double outer = radiusMeters * (1 + PLANE_ERROR);
                if (squared <= inner * inner) {
                    return true;
                }
                if (squared > outer * outer) {
                    return false;
                }
                return GeoDistance.ellipsoidMeters(latitude, longitude, pointLatitude, pointLongitude) <= radiusMeters;
            }
            return outline.covers(GEOMETRY.createPoint(new Coordinate(pointLongitude, pointLatitude)));
        }

        /** Signed distance in metres from the position to the outline: negative inside, positive outside. */
        double boundaryDistance(double pointLatitude, double pointLongitude) {
            if (outline == null) {
                return GeoDistance.meters(latitude, longitude, pointLatitude, pointLongitude) - radiusMeters;
            }
            double toOutline = LocalPlane.distanceToRings(outline.getGeometry(), pointLatitude, pointLongitude);
            return contains(pointLatitude, pointLongitude) ? -toOutline : toOutline;
        }

        boolean circleTouchesSegment(double latitude1, double longitude1, double latitude2, double longitude2) {
            return LocalPlane.distanceToSegment(latitude, longitude, latitude1, longitude1, latitude2, longitude2)
                    <= radiusMeters;
        }

        StoreMatch match(double pointLatitude, double pointLongitude) {
            double distance = GeoDistance.meters(latitude, longitude, pointLatitude, pointLongitude);
            return new StoreMatch(storeId, name, chain, latitude, longitude, distance);
        }

        NearbyGeofence nearby(double distanceMeters) {
            return new NearbyGeofence(storeId, name, chain, latitude, longitude, radiusMeters, outline != null,
                    distanceMeters);
        }
    }
}
