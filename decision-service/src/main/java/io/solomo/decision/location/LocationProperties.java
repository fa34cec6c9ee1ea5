package io.solomo.decision.location;

import io.solomo.model.offer.ContactContext.Trigger;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Limits of the presence tracker ({@code solomo.location.*}).
 *
 * @param maxAccuracyRatio        a fix whose accuracy radius exceeds this multiple of a geofence's size (its radius,
 *                                or the radius of a circle of the same area) changes nothing at that geofence
 * @param defaultAccuracyMeters   accuracy assumed for a fix sent without one, in metres
 * @param enterAfter              a device whose fixes stay inside a geofence, but with accuracy circles reaching out
 *                                of it, enters after this long
 * @param dwellAfter              a device inside this long after entering is dwelling
 * @param silenceTimeout          a device silent this long while inside gets a synthetic exit
 * @param maxSpeedMetersPerSecond a jump faster than this, beyond both fixes' accuracy, makes the fix suspect
 * @param maxClockSkew            how far in the future of the server clock a fix may be dated
 * @param earliestFix             fixes dated before this are rejected (GPS week-rollover bugs produce 2001 dates)
 * @param sweepInterval           how often silent devices are looked for
 * @param decisionTriggers        the transitions that ask the offer engine for a decision
 * @param monitoredRegions        how many regions a device gets by default, and at most
 */
@ConfigurationProperties(prefix = "solomo.location")
record LocationProperties(
        @DefaultValue("1.0") double maxAccuracyRatio,
        @DefaultValue("20") double defaultAccuracyMeters,
        @DefaultValue("PT1M") Duration enterAfter,
        @DefaultValue("PT5M") Duration dwellAfter,
        @DefaultValue("PT30M") Duration silenceTimeout,
        @DefaultValue("70") double maxSpeedMetersPerSecond,
        @DefaultValue("PT5M") Duration maxClockSkew,
        @DefaultValue("2010-01-01T00:00:00Z") Instant earliestFix,
        @DefaultValue("PT1M") Duration sweepInterval,
        @DefaultValue({"GEOFENCE_ENTER", "GEOFENCE_DWELL", "GEOFENCE_EXIT"}) Set<Trigger> decisionTriggers,
        @DefaultValue MonitoredRegions monitoredRegions) {

    LocationProperties {
        if (!(maxAccuracyRatio > 0) || !(defaultAccuracyMeters >= 0) || !(maxSpeedMetersPerSecond > 0)) {
            throw new IllegalStateException("solomo.location.max-accuracy-ratio and max-speed-meters-per-second must "
                    + "be positive, default-accuracy-meters non-negative");
        }
        if (enterAfter.isNegative() || dwellAfter.isNegative() || silenceTimeout.isNegative() || silenceTimeout.isZero()
                || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalStateException("solomo.location durations must not be negative; silence-timeout and "
                    + "sweep-interval must be positive");
        }
    }

    /**
     * @param defaultCount regions returned when the device does not say how many it can monitor (iOS allows 20)
     * @param maxCount     the most regions returned (Android allows 100)
     */
    record MonitoredRegions(@DefaultValue("20") int defaultCount, @DefaultValue("100") int maxCount) {

        MonitoredRegions {
            if (defaultCount < 1 || maxCount < defaultCount) {
                throw new IllegalStateException("solomo.location.monitored-regions needs 1 <= default-count <= "
                        + "max-count");
            }
        }
    }
}
