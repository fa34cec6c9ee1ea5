package io.solomo.decision.offer;

/**
 * The arbitration factors of one candidate; {@code priority} is their product and ranks the candidates.
 *
 * @param propensity    probability the customer takes the offer up, learnt per offer and segment
 * @param contextWeight the weight the rules gave the offer for this contact
 * @param value         the offer's business value
 * @param businessLever the marketers' multiplier for the offer, 1 being neutral
 */
record Factors(double propensity, double contextWeight, double value, double businessLever, double priority) {

    static Factors of(double propensity, double contextWeight, double value, double businessLever) {
        return new Factors(propensity, contextWeight, value, businessLever,
                propensity * contextWeight * value * businessLever);
    }
}
