package io.solomo.decision.profile;

import io.solomo.model.LoyaltyTier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;

/**
 * The money spent on purchases from which the datamart raises a customer's loyalty tier
 * ({@code solomo.datamart.spend-tiers.*}, in euros), whatever the loyalty points.
 *
 * @param silverFrom   the total spent from which a customer is SILVER
 * @param goldFrom     the total spent from which a customer is GOLD
 * @param platinumFrom the total spent from which a customer is PLATINUM
 */
@ConfigurationProperties(prefix = "solomo.datamart.spend-tiers")
public record SpendTiers(@DefaultValue("200") BigDecimal silverFrom, @DefaultValue("1000") BigDecimal goldFrom,
                         @DefaultValue("5000") BigDecimal platinumFrom) {

    /** The default thresholds, the same as in {@code application.properties}. */
    public static final SpendTiers DEFAULTS = new SpendTiers(BigDecimal.valueOf(200), BigDecimal.valueOf(1_000),
            BigDecimal.valueOf(5_000));

    public SpendTiers {
        if (!(silverFrom.signum() > 0 && silverFrom.compareTo(goldFrom) < 0
                && goldFrom.compareTo(platinumFrom) < 0)) {
            throw new IllegalArgumentException("solomo.datamart.spend-tiers thresholds must be positive and rise: "
                    + "silver-from " + silverFrom.toPlainString() + ", gold-from " + goldFrom.toPlainString()
                    + ", platinum-from " + platinumFrom.toPlainString());
        }
    }

    /** Returns the tier that the given total spent earns. The caller only ever raises a tier with it. */
    public LoyaltyTier tierFor(BigDecimal spent) {
        if (spent.compareTo(platinumFrom) >= 0) {
            return LoyaltyTier.PLATINUM;
        }
        if (spent.compareTo(goldFrom) >= 0) {
            return LoyaltyTier.GOLD;
        }
        if (spent.compareTo(silverFrom) >= 0) {
            return LoyaltyTier.SILVER;
        }
        return LoyaltyTier.BRONZE;
    }
}
