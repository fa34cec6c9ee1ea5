package io.solomo.decision.location;

import io.solomo.decision.web.InvalidFieldException;

import java.time.Instant;

/** The check every fix's own timestamp passes before it is stored, whatever endpoint it came through. */
final class FixTimes {

    private FixTimes() {
    }

    /**
     * Rejects a fix dated before {@code solomo.location.earliest-fix} (GPS week-rollover bugs date fixes in 2001) or
     * later than the server clock plus {@code solomo.location.max-clock-skew}.
     *
     * @throws InvalidFieldException naming {@code field}
     */
    static void requirePlausible(String field, Instant recordedAt, Instant now, LocationProperties limits) {
        if (recordedAt.isBefore(limits.earliestFix())) {
            throw new InvalidFieldException(field, recordedAt.toString(), field + " " + recordedAt + " is before "
                    + limits.earliestFix() + "; the device clock is wrong (a GPS week-rollover bug dates fixes in "
                    + "2001), so the fix was rejected");
        }
        if (recordedAt.isAfter(now.plus(limits.maxClockSkew()))) {
            throw new InvalidFieldException(field, recordedAt.toString(), field + " " + recordedAt + " is in the "
                    + "future of the server clock by more than " + limits.maxClockSkew() + "; check the device clock");
        }
    }
}
