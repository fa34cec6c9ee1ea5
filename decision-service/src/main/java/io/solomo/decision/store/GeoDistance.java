package io.solomo.decision.store;

/** Great-circle distances on the WGS 84 mean sphere; good to a few millimetres at store scale. */
public final class GeoDistance {

    /** Mean Earth radius in metres (IUGG). */
    public static final double EARTH_RADIUS_METERS = 6_371_008.8;

    /** Metres in one degree of latitude. */
    public static final double METERS_PER_DEGREE = EARTH_RADIUS_METERS * Math.PI / 180.0;

    private GeoDistance() {
    }

    /** Returns the haversine distance in metres between two WGS 84 positions given in degrees. */
    public static double meters(double latitude1, double longitude1, double latitude2, double longitude2) {
        double phi1 = Math.toRadians(latitude1);
        double phi2 = Math.toRadians(latitude2);
        double deltaPhi = phi2 - phi1;
        double deltaLambda = Math.toRadians(longitude2 - longitude1);
        double sinPhi = Math.sin(deltaPhi / 2);
        double sinLambda = Math.sin(deltaLambda / 2);
        double a = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }
}
