package io.solomo.decision.offer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Directions links to a store on openstreetmap.org, on foot. */
final class RouteLinks {

    private static final String DIRECTIONS = "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=";

    private RouteLinks() {
    }

    /**
     * Returns a directions link from the customer's position, when known, to the store.
     *
     * @param fromLatitude  null when the customer's position is unknown; the site then asks for a start
     * @param fromLongitude null when the customer's position is unknown
     */
    static String directions(Double fromLatitude, Double fromLongitude, double toLatitude, double toLongitude) {
        String from = fromLatitude == null ? "" : position(fromLatitude, fromLongitude);
        String route = from + ";" + position(toLatitude, toLongitude);
        return DIRECTIONS + URLEncoder.encode(route, StandardCharsets.UTF_8);
    }

    /**
     * Returns an RFC 5870 {@code geo:} URI of the store, with the store name as the label that map apps show.
     *
     * @param label the store name, or null for none
     */
    static String geoUri(double latitude, double longitude, String label) {
        String point = position(latitude, longitude);
        if (label == null || label.isBlank()) {
            return "geo:" + point;
        }
        return "geo:" + point + "?q=" + point + "(" + URLEncoder.encode(label, StandardCharsets.UTF_8) + ")";
    }

    private static String position(double latitude, double longitude) {
        return String.format(Locale.ROOT, "%.6f,%.6f", latitude, longitude);
    }
}
