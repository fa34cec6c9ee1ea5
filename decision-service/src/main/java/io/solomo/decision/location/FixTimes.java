package io.solomo.decision.location;

import io.solomo.decision.retention.RetentionSettings;
import io.solomo.decision.web.InvalidFieldException;

import java.time.Instant;

/** The check every fix's own timestamp passes before it is stored, whatever endpoint it came through. */
final class FixTimes {

    private FixTimes() {
    }

    /**
     * Rejects a fix dated before {@code solomo.location.earliest-fix} (GPS week-rollover bugs date fixes in 2001),
     * later than the server clock plus {@code solomo.location.max-clock-skew}, or older than
     * {@code solomo.retention.location-fixes}. The retention run deletes fixes of that age, so without the last check
     * a replay of a deleted fix would be stored and handled again as new.
     *
     * @throws InvalidFieldException naming {@code field}
     */
    static void requirePlausible(String field, Instant recordedAt, Instant now, LocationProperties limits,
                                 RetentionSettings retention) {
        if (recordedAt.isBefore(limits.earliestFix())) {
            throw new InvalidFieldException(field, recordedAt.toString(), field + " " + recordedAt + " is before "
                    + limits.earliestFix() + "; the device clock is wrong (a GPS week-rollover bug dates fixes in "
                    + "2001), so the fix was rejected");
        }
        if (recordedAt.isAfter(now.plus(limits.maxClockSkew()))) {
            throw new InvalidFieldException(field, recordedAt.toString(), field + " " + recordedAt + " is in the "
                    + "future of the server clock by more than " + limits.maxClockSkew() + "; check the device clock");
        }
        Instant oldestKept = retention.locationFixesCutoff(now).orElse(null);
        if (oldestKept != null && recordedAt.isBefore(oldestKept)) {
            throw new InvalidFieldException(field, recordedAt.toString(), field + " " + recordedAt + " is older than "
                    + "the retention of location fixes (solomo.retention.location-fixes "
                    + retention.locationFixes() + "), so the fix was rejected; drop fixes recorded before " + oldestKept,
                    field + " " + recordedAt + " est plus ancien que la durée de conservation des positions "
                    + "(solomo.retention.location-fixes " + retention.locationFixes() + "), la position est donc "
                    + "refusée ; ne renvoyez pas les positions enregistrées avant " + oldestKept);
        }
    }
}
