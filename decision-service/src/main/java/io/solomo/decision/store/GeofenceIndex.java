package io.solomo.decision.store;

import io.solomo.model.location.GeofenceLocator;
import io.solomo.model.location.StoreMatch;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stores' geofences in an STR-tree, queried on every location fix.
 *
 * <p>The tree is immutable once built: {@link #rebuild} builds a new one off the request path and swaps it in
 * atomically, so a lookup sees either the old or the new store list, never a mix. Circles are tested by haversine
 * distance to their centre; polygons with a prepared geometry ({@code covers}, so a fix on the outline counts).
 */
public class GeofenceIndex implements GeofenceLocator {

    private static final Logger log = LoggerFactory.getLogger(GeofenceIndex.class);
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.empty());

    /** Replaces the indexed geofences with those of the given stores. */
    public void rebuild(Collection<Store> stores) {
        STRtree tree = new STRtree();
        int skipped = 0;
        for (Store store : stores) {
            Geofence geofence = Geofence.of(store);
            if (geofence == null) {
                skipped++;
                continue;
            }
            tree.insert(geofence.envelope(), geofence);
        }
        tree.build();
        current.set(new Snapshot(tree, stores.size() - skipped));
        if (skipped > 0) {
            log.warn("Geofence index skipped {} stores whose outline could not be read", skipped);
        }
        log.info("Geofence index rebuilt with {} stores", stores.size() - skipped);
    }

    /** Returns the number of geofences in the current index. */
    public int size() {
        return current.get().size();
    }

    @Override
    public Optional<StoreMatch> storeAt(double latitude, double longitude) {
        Snapshot snapshot = current.get();
        @SuppressWarnings("unchecked")
        List<Geofence> candidates = snapshot.tree().query(new Envelope(new Coordinate(longitude, latitude)));
        return candidates.stream()
                .filter(geofence -> geofence.contains(latitude, longitude))
                .map(geofence -> geofence.match(latitude, longitude))
                .min(Comparator.comparingDouble(StoreMatch::distanceMeters).thenComparing(StoreMatch::storeId));
    }

    private record Snapshot(STRtree tree, int size) {
        static Snapshot empty() {
            STRtree tree = new STRtree();
            tree.build();
            return new Snapshot(tree, 0);
        }
    }

    /** One store's geofence: a circle ({@code outline} null) or a prepared polygon. */
    private record Geofence(String storeId, String name, String chain, double latitude, double longitude,
                            double radiusMeters, PreparedGeometry outline, Envelope envelope) {

        static Geofence of(Store store) {
            if (store.outlineWkt() != null) {
                try {
                    var geometry = new WKTReader(GEOMETRY).read(store.outlineWkt());
                    return new Geofence(store.storeId(), store.name(), store.chain(), store.latitude(),
                            store.longitude(), 0, PreparedGeometryFactory.prepare(geometry),
                            geometry.getEnvelopeInternal());
                } catch (ParseException unreadable) {
                    log.warn("Store {} has an unreadable outline: {}", store.storeId(), unreadable.getMessage());
                    return null;
                }
            }
            double radius = store.radiusMeters();
            double latitudeSpan = radius / GeoDistance.METERS_PER_DEGREE * 1.01;
            double cosine = Math.max(Math.cos(Math.toRadians(store.latitude())), 1e-6);
            double longitudeSpan = Math.min(180, latitudeSpan / cosine);
            Envelope envelope = new Envelope(store.longitude() - longitudeSpan, store.longitude() + longitudeSpan,
                    store.latitude() - latitudeSpan, store.latitude() + latitudeSpan);
            return new Geofence(store.storeId(), store.name(), store.chain(), store.latitude(), store.longitude(),
                    radius, null, envelope);
        }

        boolean contains(double pointLatitude, double pointLongitude) {
            if (outline == null) {
                return GeoDistance.meters(latitude, longitude, pointLatitude, pointLongitude) <= radiusMeters;
            }
            Point point = GEOMETRY.createPoint(new Coordinate(pointLongitude, pointLatitude));
            return outline.covers(point);
        }

        StoreMatch match(double pointLatitude, double pointLongitude) {
            double distance = GeoDistance.meters(latitude, longitude, pointLatitude, pointLongitude);
            return new StoreMatch(storeId, name, chain, latitude, longitude, distance);
        }
    }
}
