package io.solomo.decision.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A store of the brand with its geofence: a circle of {@code radiusMeters} around the reference point, or the
 * polygon {@code outlineWkt} (WKT, longitude first, WGS 84).
 */
@Entity
@Table(name = "store")
public class Store {

    @Id
    @Column(name = "store_id")
    private String storeId;

    @Column(name = "name")
    private String name;

    @Column(name = "chain")
    private String chain;

    @Column(name = "latitude", nullable = false)
    private double latitude;

    @Column(name = "longitude", nullable = false)
    private double longitude;

    @Column(name = "radius_meters")
    private Double radiusMeters;

    @Column(name = "outline_wkt", length = 1_000_000)
    private String outlineWkt;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    @Column(name = "opening_hours", length = 1000)
    private String openingHours;

    protected Store() {
    }

    private Store(String storeId, String name, String chain, double latitude, double longitude, Double radiusMeters,
                  String outlineWkt, ZoneId timeZone, Instant importedAt) {
        this.storeId = storeId;
        this.name = name;
        this.chain = chain;
        this.latitude = latitude;
        this.longitude = longitude;
        this.radiusMeters = radiusMeters;
        this.outlineWkt = outlineWkt;
        this.timeZone = timeZone.getId();
        this.importedAt = importedAt;
    }

    /** A store whose geofence is a circle around its reference point. */
    public static Store withCircle(String storeId, String name, String chain, double latitude, double longitude,
                                   double radiusMeters, ZoneId timeZone, Instant importedAt) {
        return new Store(storeId, name, chain, latitude, longitude, radiusMeters, null, timeZone, importedAt);
    }

    /** A store whose geofence is its outline; the reference point lies inside the outline. */
    public static Store withOutline(String storeId, String name, String chain, double latitude, double longitude,
                                    String outlineWkt, ZoneId timeZone, Instant importedAt) {
        return new Store(storeId, name, chain, latitude, longitude, null, outlineWkt, timeZone, importedAt);
    }

    public String storeId() {
        return storeId;
    }

    public String name() {
        return name;
    }

    public String chain() {
        return chain;
    }

    public double latitude() {
        return latitude;
    }

    public double longitude() {
        return longitude;
    }

    /** The circle's radius in metres, or null for a polygon geofence. */
    public Double radiusMeters() {
        return radiusMeters;
    }

    /** The polygon geofence as WKT, or null for a circle geofence. */
    public String outlineWkt() {
        return outlineWkt;
    }

    public ZoneId timeZone() {
        return ZoneId.of(timeZone);
    }

    public Instant importedAt() {
        return importedAt;
    }

    /** The OpenStreetMap {@code opening_hours} text, or null when unknown. */
    public String openingHours() {
        return openingHours;
    }

    /** Returns this store with the given {@code opening_hours} text, or unknown hours for null. */
    public Store withOpeningHours(String openingHours) {
        this.openingHours = openingHours;
        return this;
    }

    /** Returns whether the store is open at that moment in its time zone, or null when its hours are unknown. */
    public Boolean openAt(Instant moment) {
        if (openingHours == null) {
            return null;
        }
        try {
            return OpeningHours.parse(openingHours).isOpenAt(moment.atZone(timeZone()));
        } catch (IllegalArgumentException unsupported) {
            return null;
        }
    }
}
