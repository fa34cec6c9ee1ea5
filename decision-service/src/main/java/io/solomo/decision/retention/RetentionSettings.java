package io.solomo.decision.retention;

import io.solomo.decision.SettingChecks;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Retention settings ({@code solomo.retention.*}). Each period is an ISO-8601 period such as {@code P3M}; an empty
 * value turns its rule off, and the rows it would remove stay until an erasure.
 *
 * @param locationFixes    age, by the fix's own time, after which location fixes, geofence transitions and the
 *                         presence of silent devices are deleted
 * @param decisionContext  age after which a stored decision's request, facts and directions links are emptied
 * @param deliveryPayloads age after which the text and links of a delivery that left the outbox are emptied, and its
 *                         dead letter deleted
 * @param inactiveProfiles time without any activity of the person after which their profile is erased
 * @param batchSize        rows handled per transaction
 */
@ConfigurationProperties(prefix = "solomo.retention")
public record RetentionSettings(Period locationFixes, Period decisionContext, Period deliveryPayloads,
                                Period inactiveProfiles, int batchSize) {

    public RetentionSettings {
        SettingChecks.positiveOrOff("solomo.retention.location-fixes", locationFixes);
        SettingChecks.positiveOrOff("solomo.retention.decision-context", decisionContext);
        SettingChecks.positiveOrOff("solomo.retention.delivery-payloads", deliveryPayloads);
        SettingChecks.positiveOrOff("solomo.retention.inactive-profiles", inactiveProfiles);
        SettingChecks.atLeast("solomo.retention.batch-size", batchSize, 1);
    }

    /** Returns the instant before which location fixes are deleted, or empty when that rule is off. */
    public Optional<Instant> locationFixesCutoff(Instant now) {
        return cutoff(locationFixes, now);
    }

    Optional<Instant> decisionContextCutoff(Instant now) {
        return cutoff(decisionContext, now);
    }

    Optional<Instant> deliveryPayloadsCutoff(Instant now) {
        return cutoff(deliveryPayloads, now);
    }

    Optional<Instant> inactiveProfilesCutoff(Instant now) {
        return cutoff(inactiveProfiles, now);
    }

    /** Months and years are counted in UTC, as the loyalty expiry counts them. */
    private static Optional<Instant> cutoff(Period period, Instant now) {
        return Optional.ofNullable(period).map(kept -> now.atZone(ZoneOffset.UTC).minus(kept).toInstant());
    }
}
