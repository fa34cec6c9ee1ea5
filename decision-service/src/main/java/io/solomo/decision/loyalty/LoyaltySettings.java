package io.solomo.decision.loyalty;

import io.solomo.model.LoyaltyTier;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Period;

/**
 * Loyalty programme settings ({@code solomo.loyalty.*}).
 *
 * @param silverFrom   lifetime points from which a customer is SILVER
 * @param goldFrom     lifetime points from which a customer is GOLD
 * @param platinumFrom lifetime points from which a customer is PLATINUM
 * @param expireAfter  inactivity after which the whole balance expires
 */
@ConfigurationProperties(prefix = "solomo.loyalty")
record LoyaltySettings(long silverFrom, long goldFrom, long platinumFrom, Period expireAfter) {

    LoyaltySettings {
        if (!(0 < silverFrom && silverFrom < goldFrom && goldFrom < platinumFrom)) {
            throw new IllegalArgumentException("solomo.loyalty tier thresholds must rise: silver-from " + silverFrom
                    + ", gold-from " + goldFrom + ", platinum-from " + platinumFrom);
        }
        if (expireAfter == null || expireAfter.isNegative() || expireAfter.isZero()) {
            throw new IllegalArgumentException("solomo.loyalty.expire-after must be a positive period, got "
                    + expireAfter);
        }
    }

    /** Returns the tier that lifetime points earn. Tiers only rise with points; they are never lowered here. */
    LoyaltyTier tierFor(long lifetimePoints) {
        if (lifetimePoints >= platinumFrom) {
            return LoyaltyTier.PLATINUM;
        }
        if (lifetimePoints >= goldFrom) {
            return LoyaltyTier.GOLD;
        }
        if (lifetimePoints >= silverFrom) {
            return LoyaltyTier.SILVER;
        }
        return LoyaltyTier.BRONZE;
    }
}
