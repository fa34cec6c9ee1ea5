package io.solomo.decision.store;

import io.solomo.decision.security.UserScopes;
import io.solomo.decision.web.FrenchDetails;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.RequestBodies;
import io.solomo.decision.web.RequestFields;
import jakarta.servlet.http.HttpServletRequest;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.springframework.http.MediaType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Store import and lookup. Store ids may contain slashes, as OpenStreetMap ids do ({@code way/33113253}). */
@RestController
@RequestMapping("/api/v1/stores")
class StoreController {

    private static final double MAX_NEARBY_METERS = 50_000;
    private static final int MAX_NEARBY_STORES = 100;
    static final int DEFAULT_LIST_LIMIT = 100;
    static final int MAX_LIST_LIMIT = 500;
    /** The length of the store_id and chain columns: a longer id or chain matches no store. */
    private static final int MAX_ID_LENGTH = 200;
    static final String MAX_IMPORT_SIZE_SETTING = "solomo.api.max-store-import-size";

    private final StoreCatalog catalog;
    private final GeofenceIndex index;
    private final Clock clock;
    private final UserScopes scopes;
    private final int maxImportBytes;

    StoreController(StoreCatalog catalog, GeofenceIndex index, Clock clock, UserScopes scopes,
                    @Value("${" + MAX_IMPORT_SIZE_SETTING + ":20MB}") DataSize maxImportSize) {
        this.catalog = catalog;
        this.index = index;
        this.clock = clock;
        this.scopes = scopes;
        this.maxImportBytes = (int) RequestBodies.limitInBytes(MAX_IMPORT_SIZE_SETTING, maxImportSize,
                RequestBodies.MAX_ARRAY_LIMIT);
    }

    /** Imports a GeoJSON FeatureCollection. A body larger than {@value #MAX_IMPORT_SIZE_SETTING} gets a 413 problem. */
    @PostMapping(path = "/import", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/geo+json"})
    StoreImportReport importStores(HttpServletRequest request) throws IOException {
        return catalog.importGeoJson(RequestBodies.readRequired(request, maxImportBytes, MAX_IMPORT_SIZE_SETTING),
                "the API");
    }

    /**
     * Lists stores ordered by id, only those of its scope for a local marketer. {@code after} takes the last store id
     * of the previous page to read the next one, and an empty {@code after} reads the first page. {@code chain} keeps
     * the stores of that chain, compared exactly.
     */
    @GetMapping
    List<StoreSummary> list(@RequestParam(required = false) String chain,
                            @RequestParam(required = false) String after,
                            @RequestParam(defaultValue = "" + DEFAULT_LIST_LIMIT) int limit,
                            Principal caller) {
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw new InvalidFieldException("limit", limit, "limit must be within 1.." + MAX_LIST_LIMIT + ", got "
                    + limit, "limit doit être compris entre 1 et " + MAX_LIST_LIMIT + ", reçu " + limit + ".");
        }
        // A blank chain is rejected rather than read as no filter, so that an empty filter field never lists
        // every chain unnoticed.
        if (chain != null && chain.isBlank()) {
            throw new InvalidFieldException("chain", chain, "chain is blank. Give a chain name, or leave chain out "
                    + "to list every chain.", "chain est vide. Indiquez le nom d’une enseigne, ou omettez chain pour "
                    + "lister toutes les enseignes.");
        }
        String checkedChain = RequestFields.optionalText("chain", chain, MAX_ID_LENGTH);
        String afterStoreId = RequestFields.optionalText("after", after, MAX_ID_LENGTH);

        Instant now = clock.instant();
        return catalog.list(checkedChain, scopes.of(caller.getName()).orElse(null), afterStoreId, limit).stream()
                .map(store -> StoreSummary.of(store, now))
                .toList();
    }

    /** A store in a list; {@code openNow} is null when its opening hours are unknown. */
    record StoreSummary(String storeId, String name, String chain, double latitude, double longitude,
                        String timeZone, Boolean openNow) {

        static StoreSummary of(Store store, Instant now) {
            return new StoreSummary(store.storeId(), store.name(), store.chain(), store.latitude(), store.longitude(),
                    store.timeZone().getId(), store.openAt(now));
        }
    }

    /**
     * Lists the stores whose geofence lies within {@code radiusMeters} of the position, nearest first, with the
     * distance to the geofence (0 inside) and whether the store is open now (null when its hours are unknown).
     */
    @GetMapping("/nearby")
    List<NearbyStore> nearby(@RequestParam(required = false) Double latitude,
                             @RequestParam(required = false) Double longitude,
                             @RequestParam(defaultValue = "1000") double radiusMeters,
                             @RequestParam(defaultValue = "20") int limit) {
        double checkedLatitude = RequestFields.requireLatitude("latitude", latitude);
        double checkedLongitude = RequestFields.requireLongitude("longitude", longitude);
        if (!(radiusMeters > 0) || radiusMeters > MAX_NEARBY_METERS) {
            throw new InvalidFieldException("radiusMeters", radiusMeters,
                    "radiusMeters must be within 0.." + MAX_NEARBY_METERS + " metres",
                    "radiusMeters doit être compris entre 0 et " + MAX_NEARBY_METERS + " mètres.");
        }
        if (limit < 1 || limit > MAX_NEARBY_STORES) {
            throw new InvalidFieldException("limit", limit, "limit must be within 1.." + MAX_NEARBY_STORES,
                    "limit doit être compris entre 1 et " + MAX_NEARBY_STORES + ".");
        }
        Instant now = clock.instant();
        List<NearbyStore> stores = new ArrayList<>();
        for (NearbyGeofence geofence : index.nearest(checkedLatitude, checkedLongitude, radiusMeters, limit)) {
            Boolean openNow = catalog.find(geofence.storeId()).map(store -> store.openAt(now)).orElse(null);
            stores.add(new NearbyStore(geofence.storeId(), geofence.name(), geofence.chain(), geofence.latitude(),
                    geofence.longitude(), Math.round(geofence.distanceMeters() * 10) / 10.0, openNow));
        }
        return stores;
    }

    /** A store near the requested position; {@code openNow} is null when its opening hours are unknown. */
    record NearbyStore(String storeId, String name, String chain, double latitude, double longitude,
                       double distanceMeters, Boolean openNow) {
    }

    @GetMapping("/{*storeId}")
    StoreView store(@PathVariable String storeId) {
        String id = storeId.startsWith("/") ? storeId.substring(1) : storeId;
        return catalog.find(id)
                .map(StoreView::of)
                .orElseThrow(() -> new NotFoundException("store", "storeId", id,
                        "Aucun magasin n’a l’identifiant " + FrenchDetails.quoted(id) + "."));
    }

    @DeleteMapping("/{*storeId}")
    ResponseEntity<Void> delete(@PathVariable String storeId) {
        String id = storeId.startsWith("/") ? storeId.substring(1) : storeId;
        if (!catalog.delete(id)) {
            throw new NotFoundException("store", "storeId", id,
                    "Aucun magasin n’a l’identifiant " + FrenchDetails.quoted(id) + ".");
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * A store as the API returns it; {@code geofence} is a GeoJSON geometry, with {@code radiusMeters} for a circle
     * around the reference point.
     */
    record StoreView(String storeId, String name, String chain, double latitude, double longitude, String timeZone,
                     String openingHours, Map<String, Object> geofence, Instant importedAt) {

        static StoreView of(Store store) {
            return new StoreView(store.storeId(), store.name(), store.chain(), store.latitude(), store.longitude(),
                    store.timeZone().getId(), store.openingHours(), geofence(store), store.importedAt());
        }

        private static Map<String, Object> geofence(Store store) {
            Map<String, Object> geometry = new LinkedHashMap<>();
            if (store.outlineWkt() == null) {
                geometry.put("type", "Point");
                geometry.put("coordinates", List.of(store.longitude(), store.latitude()));
                geometry.put("radiusMeters", store.radiusMeters());
                return geometry;
            }
            try {
                Geometry outline = new WKTReader().read(store.outlineWkt());
                List<Object> polygons = new ArrayList<>();
                for (int i = 0; i < outline.getNumGeometries(); i++) {
                    polygons.add(rings((Polygon) outline.getGeometryN(i)));
                }
                geometry.put("type", polygons.size() == 1 ? "Polygon" : "MultiPolygon");
                geometry.put("coordinates", polygons.size() == 1 ? polygons.get(0) : polygons);
            } catch (ParseException unreadable) {
                geometry.put("type", "Unreadable");
            }
            return geometry;
        }

        private static List<List<List<Double>>> rings(Polygon polygon) {
            List<List<List<Double>>> rings = new ArrayList<>();
            rings.add(positions(polygon.getExteriorRing().getCoordinates()));
            for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                rings.add(positions(polygon.getInteriorRingN(i).getCoordinates()));
            }
            return rings;
        }

        private static List<List<Double>> positions(org.locationtech.jts.geom.Coordinate[] coordinates) {
            List<List<Double>> positions = new ArrayList<>(coordinates.length);
            for (var coordinate : coordinates) {
                positions.add(List.of(coordinate.x, coordinate.y));
            }
            return positions;
        }
    }
}
