package io.solomo.decision.offer;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalTime;

/**
 * The contact policy and arbitration settings ({@code solomo.policy.*}).
 *
 * @param maxPerChannelPerDay  offers per customer and channel per local day (the customer's time zone)
 * @param maxPerChannelPerWeek offers per customer and channel per local ISO week, Monday to Sunday
 * @param fatigueBudgetPerDay  offers per customer per local day over all channels, pushed and pulled together
 * @param defaultCooldown      minimum time before the same offer again to the same customer, unless the offer
 *                             sets its own
 * @param quietHoursStart      start of the brand's quiet hours in the customer's time zone, or null for none;
 *                             push and SMS wait outside them
 * @param quietHoursEnd        end of the quiet hours (exclusive), not equal to the start; may be earlier than the
 *                             start, across midnight
 * @param holdoutPercent       share of customers, 0 to 100, who receive nothing, chosen by a hash of their id
 * @param fallbackOfferId      an offer presented when no candidate survives, or blank for none
 * @param priorStrength        weight of an offer's prior propensity, in pseudo-observations
 */
@ConfigurationProperties(prefix = "solomo.policy")
record PolicySettings(int maxPerChannelPerDay, int maxPerChannelPerWeek, int fatigueBudgetPerDay,
                      Duration defaultCooldown, LocalTime quietHoursStart, LocalTime quietHoursEnd,
                      double holdoutPercent, String fallbackOfferId, double priorStrength) {

    PolicySettings {
        if (maxPerChannelPerDay < 0 || maxPerChannelPerWeek < 0 || fatigueBudgetPerDay < 0) {
            throw new IllegalArgumentException("solomo.policy caps must not be negative");
        }
        if (defaultCooldown == null || defaultCooldown.isNegative()) {
            throw new IllegalArgumentException("solomo.policy.default-cooldown must be a non-negative duration, got "
                    + defaultCooldown);
        }
        if ((quietHoursStart == null) != (quietHoursEnd == null)) {
            throw new IllegalArgumentException("solomo.policy.quiet-hours-start and quiet-hours-end go together");
        }
        if (quietHoursStart != null && quietHoursStart.equals(quietHoursEnd)) {
            // Equal bounds would read as quiet hours all day long. Customers' own quiet hours are rejected alike.
            throw new IllegalArgumentException("solomo.policy.quiet-hours-end must differ from "
                    + "solomo.policy.quiet-hours-start, got " + quietHoursStart + " for both; leave both unset "
                    + "for no quiet hours");
        }
        if (holdoutPercent < 0 || holdoutPercent > 100) {
            throw new IllegalArgumentException("solomo.policy.holdout-percent must be within 0..100, got "
                    + holdoutPercent);
        }
        if (!(priorStrength > 0)) {
            throw new IllegalArgumentException("solomo.policy.prior-strength must be positive, got " + priorStrength);
        }
        fallbackOfferId = fallbackOfferId == null || fallbackOfferId.isBlank() ? null : fallbackOfferId.trim();
    }

    boolean hasQuietHours() {
        return quietHoursStart != null;
    }
}
