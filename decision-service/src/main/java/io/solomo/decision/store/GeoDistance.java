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

    private static final double WGS84_A = 6_378_137.0;
    private static final double WGS84_F = 1 / 298.257223563;
    private static final double WGS84_B = WGS84_A * (1 - WGS84_F);

    /**
     * Returns the geodesic distance in metres on the WGS 84 ellipsoid (Vincenty's inverse formula), which is what
     * PostGIS computes for {@code geography}. Falls back to the haversine distance for nearly antipodal points, where
     * the iteration does not converge.
     */
    public static double ellipsoidMeters(double latitude1, double longitude1, double latitude2, double longitude2) {
        double lambdaStart = Math.toRadians(longitude2 - longitude1);
        double u1 = Math.atan((1 - WGS84_F) * Math.tan(Math.toRadians(latitude1)));
        double u2 = Math.atan((1 - WGS84_F) * Math.tan(Math.toRadians(latitude2)));
        double sinU1 = Math.sin(u1);
        double cosU1 = Math.cos(u1);
        double sinU2 = Math.sin(u2);
        double cosU2 = Math.cos(u2);

        double lambda = lambdaStart;
        for (int iteration = 0; iteration < 200; iteration++) {
            double sinLambda = Math.sin(lambda);
            double cosLambda = Math.cos(lambda);
            double sinSigma = Math.sqrt((cosU2 * sinLambda) * (cosU2 * sinLambda)
                    + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) * (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda));
            if (sinSigma == 0) {
                return 0;
            }
            double cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            double sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            double cosSqAlpha = 1 - sinAlpha * sinAlpha;
            double cos2SigmaM = cosSqAlpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha;
            double c = WGS84_F / 16 * cosSqAlpha * (4 + WGS84_F * (4 - 3 * cosSqAlpha));
            double previous = lambda;
            lambda = lambdaStart + (1 - c) * WGS84_F * sinAlpha
                    * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.abs(lambda - previous) < 1e-12) {
                double uSq = cosSqAlpha * (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_B * WGS84_B);
                double a = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
                double b = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
                double deltaSigma = b * sinSigma * (cos2SigmaM + b / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                        - b / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
                return WGS84_B * a * (sigma - deltaSigma);
            }
        }
        return meters(latitude1, longitude1, latitude2, longitude2);
    }

    /** Returns the longitude brought into -180 (inclusive) to 180 (exclusive) degrees. */
    public static double normalizeLongitude(double longitude) {
        if (longitude >= -180 && longitude < 180) {
            return longitude;
        }
        double wrapped = ((longitude + 180) % 360 + 360) % 360 - 180;
        return wrapped;
    }
}
