package io.solomo.decision.offer;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The arbitration factors of one candidate; {@code priority} is their product and ranks the candidates.
 *
 * @param propensity    probability the customer takes the offer up, learnt per offer and segment
 * @param contextWeight the weight the rules gave the offer for this contact
 * @param value         the offer's business value
 * @param businessLever the marketers' multiplier for the offer, 1 being neutral
 */
record Factors(double propensity, double contextWeight, double value, double businessLever, double priority) {

    /** The 12 significant digits kept of a priority, so that 0.3 × 2 × 6 reads 3.6 and not 3.5999999999999996. */
    private static final MathContext PRIORITY_DIGITS = new MathContext(12);

    static Factors of(double propensity, double contextWeight, double value, double businessLever) {
        double priority = propensity * contextWeight * value * businessLever;
        return new Factors(propensity, contextWeight, value, businessLever,
                Double.isFinite(priority) ? new BigDecimal(priority).round(PRIORITY_DIGITS).doubleValue() : priority);
    }
}
