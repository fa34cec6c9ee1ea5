package io.solomo.decision.store;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.JsonSyntaxErrors;
import io.solomo.decision.web.RequestFields;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTWriter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads stores from a GeoJSON FeatureCollection (RFC 7946: WGS 84, longitude first).
 *
 * <p>A {@code Point} feature becomes a circular geofence of {@code properties.radius} metres, or the default radius;
 * a {@code Polygon} or {@code MultiPolygon} keeps its outline. The store id is the feature's {@code id}, else
 * {@code properties.@id}, {@code properties.id} or {@code properties.ref}, else a stable id derived from the name and
 * position. The chain is {@code brand}, else {@code operator}, else {@code chain}. Features without usable geometry
 * are rejected one by one with their index and the reason; the others are read.
 */
final class GeoJsonStoreReader {

    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private final ObjectMapper mapper;
    private final double defaultRadiusMeters;
    private final ZoneId defaultTimeZone;

    GeoJsonStoreReader(ObjectMapper mapper, double defaultRadiusMeters, ZoneId defaultTimeZone) {
        this.mapper = mapper;
        this.defaultRadiusMeters = defaultRadiusMeters;
        this.defaultTimeZone = defaultTimeZone;
    }

    /** The stores read and the features rejected, by index. */
    record Result(List<Store> stores, List<StoreImportReport.Rejection> rejected) {
    }

    /**
     * Reads every feature of the collection.
     *
     * @throws InvalidFieldException when the body is not JSON or not a FeatureCollection
     */
    Result read(byte[] geoJson, Instant importedAt) {
        JsonNode root;
        try {
            root = mapper.readTree(geoJson);
        } catch (JacksonException malformed) {
            throw new InvalidFieldException("body", null,
                    "the store list is not valid JSON: " + JsonSyntaxErrors.describe(malformed));
        }
        if (root == null || !"FeatureCollection".equals(text(root, "type"))) {
            throw new InvalidFieldException("type", root == null ? null : text(root, "type"),
                    "the store list must be a GeoJSON FeatureCollection");
        }
        RequestFields.requireStorableStrings(root, "");
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            throw new InvalidFieldException("features", null, "the FeatureCollection has no features array");
        }

        List<Store> read = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<StoreImportReport.Rejection> rejected = new ArrayList<>();
        for (int index = 0; index < features.size(); index++) {
            try {
                read.add(readFeature(features.get(index), importedAt));
                indexes.add(index);
            } catch (FeatureRejected rejection) {
                rejected.add(new StoreImportReport.Rejection(index, rejection.getMessage()));
            }
        }

        List<Store> stores = new ArrayList<>();
        SwappedCoordinates swapped = SwappedCoordinates.of(read);
        for (int i = 0; i < read.size(); i++) {
            String suspicion = swapped.suspicion(read.get(i));
            if (suspicion != null) {
                rejected.add(new StoreImportReport.Rejection(indexes.get(i), suspicion));
            } else {
                stores.add(read.get(i));
            }
        }
        rejected.sort(java.util.Comparator.comparingInt(StoreImportReport.Rejection::index));
        return new Result(stores, rejected);
    }

    private Store readFeature(JsonNode feature, Instant importedAt) {
        if (feature == null || !feature.isObject() || !"Feature".equals(text(feature, "type"))) {
            throw new FeatureRejected("not a GeoJSON Feature object");
        }
        JsonNode properties = feature.path("properties");
        JsonNode geometry = feature.get("geometry");
        if (geometry == null || geometry.isNull()) {
            throw new FeatureRejected("geometry is missing");
        }

        String name = firstText(properties, "name");
        String chain = firstText(properties, "brand", "operator", "chain");
        ZoneId timeZone = timeZone(properties);
        String geometryType = text(geometry, "type");
        String openingHours = openingHours(properties);
        if ("Point".equals(geometryType)) {
            Coordinate position = position(geometry.get("coordinates"), "geometry.coordinates");
            double radius = radius(properties);
            String storeId = storeId(feature, properties, name, position);
            return Store.withCircle(storeId, name, chain, position.y, position.x, radius, timeZone, importedAt)
                    .withOpeningHours(openingHours);
        }
        if ("Polygon".equals(geometryType) || "MultiPolygon".equals(geometryType)) {
            Geometry outline = "Polygon".equals(geometryType)
                    ? polygon(geometry.get("coordinates"), "geometry.coordinates")
                    : multiPolygon(geometry.get("coordinates"));
            outline = OutlineRepair.checked(outline);
            Point inside = outline.getInteriorPoint();
            String storeId = storeId(feature, properties, name, inside.getCoordinate());
            return Store.withOutline(storeId, name, chain, inside.getY(), inside.getX(),
                    new WKTWriter().write(outline), timeZone, importedAt).withOpeningHours(openingHours);
        }
        throw new FeatureRejected("geometry type '" + geometryType
                + "' is not supported; use Point, Polygon or MultiPolygon");
    }

    private Geometry multiPolygon(JsonNode coordinates) {
        if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
            throw new FeatureRejected("geometry.coordinates of a MultiPolygon must be a non-empty array of polygons");
        }
        Polygon[] polygons = new Polygon[coordinates.size()];
        for (int i = 0; i < polygons.length; i++) {
            polygons[i] = polygon(coordinates.get(i), "geometry.coordinates[" + i + "]");
        }
        return GEOMETRY.createMultiPolygon(polygons);
    }

    private Polygon polygon(JsonNode rings, String field) {
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            throw new FeatureRejected(field + " must be a non-empty array of linear rings");
        }
        LinearRing shell = ring(rings.get(0), field + "[0]");
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), field + "[" + i + "]");
        }
        return GEOMETRY.createPolygon(shell, holes);
    }

    private LinearRing ring(JsonNode positions, String field) {
        if (positions == null || !positions.isArray() || positions.size() < 4) {
            throw new FeatureRejected(field + " must have at least 4 positions, the last equal to the first");
        }
        Coordinate[] coordinates = new Coordinate[positions.size()];
        for (int i = 0; i < coordinates.length; i++) {
            coordinates[i] = position(positions.get(i), field + "[" + i + "]");
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            throw new FeatureRejected(field + " is not closed: its last position must equal its first");
        }
        return GEOMETRY.createLinearRing(coordinates);
    }

    private static Coordinate position(JsonNode position, String field) {
        if (position == null || !position.isArray() || position.size() < 2
                || !position.get(0).isNumber() || !position.get(1).isNumber()) {
            throw new FeatureRejected(field + " must be a [longitude, latitude] pair of numbers, got " + position);
        }
        double longitude = position.get(0).doubleValue();
        double latitude = position.get(1).doubleValue();
        if (!Double.isFinite(longitude) || longitude < -360 || longitude > 360) {
            throw new FeatureRejected(field + " longitude " + longitude + " is outside -180..180");
        }
        // Outlines drawn across the antimeridian sometimes continue past 180 degrees; wrap them back.
        longitude = longitude == 180 ? 180 : GeoDistance.normalizeLongitude(longitude);
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            throw new FeatureRejected(field + " latitude " + latitude + " is outside -90..90"
                    + (Math.abs(longitude) <= 90 ? "; are longitude and latitude swapped?" : ""));
        }
        return new Coordinate(longitude, latitude);
    }

    /** Returns the opening_hours text when the supported syntax reads it, else null (unknown hours). */
    private static String openingHours(JsonNode properties) {
        String text = firstText(properties, "opening_hours");
        if (text == null) {
            return null;
        }
        try {
            OpeningHours.parse(text);
            return text;
        } catch (IllegalArgumentException unsupported) {
            // NOTE: the store is kept with unknown hours rather than rejected, because OpenStreetMap exports often
            // use holiday or month selectors that the parser does not read.
            return null;
        }
    }

    private double radius(JsonNode properties) {
        JsonNode radius = properties.get("radius");
        if (radius == null || radius.isNull()) {
            return defaultRadiusMeters;
        }
        if (!radius.isNumber() || !(radius.doubleValue() > 0) || radius.doubleValue() > 50_000) {
            throw new FeatureRejected("properties.radius must be a number of metres within 0..50000, got " + radius);
        }
        return radius.doubleValue();
    }

    private ZoneId timeZone(JsonNode properties) {
        String zone = firstText(properties, "timezone", "time_zone");
        if (zone == null) {
            return defaultTimeZone;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            throw new FeatureRejected("properties.timezone '" + zone + "' is not an IANA time zone such as Europe/Paris");
        }
    }

    private static String storeId(JsonNode feature, JsonNode properties, String name, Coordinate position) {
        JsonNode id = feature.get("id");
        if (id != null && (id.isString() || id.isNumber())) {
            return id.asString().trim();
        }
        String fromProperties = firstText(properties, "@id", "id", "ref");
        if (fromProperties != null) {
            return fromProperties;
        }
        return "store-" + shortHash(name + "|" + Math.round(position.y * 1e6) + "|" + Math.round(position.x * 1e6));
    }

    private static String firstText(JsonNode object, String... names) {
        for (String name : names) {
            JsonNode value = object.get(name);
            if (value != null && (value.isString() || value.isNumber()) && !value.asString().isBlank()) {
                return value.asString().trim();
            }
        }
        return null;
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", missing);
        }
    }

    /** A feature that cannot become a store; the message is the reason given in the import report. */
    static final class FeatureRejected extends RuntimeException {
        FeatureRejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
