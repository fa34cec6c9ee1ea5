package io.solomo.rules;

/**
 * Thrown when the offer rules fire {@link OfferRuleBase#MAX_FIRINGS_PER_EVALUATION} times for one contact without
 * finishing. The cause is almost always a rule that re-activates itself, such as one that updates a fact its own
 * conditions match. The rules are at fault, not the request.
 */
public final class RuleFiringLimitException extends IllegalStateException {

    private final String version;
    private final String ruleName;

    RuleFiringLimitException(String version, String customerId, String ruleName) {
        super("Offer rules version '" + version + "' fired " + OfferRuleBase.MAX_FIRINGS_PER_EVALUATION
                + " times for customer " + customerId + " without finishing; rule '" + ruleName
                + "' probably re-activates itself");
        this.version = version;
        this.ruleName = ruleName;
    }

    /** Returns the label of the rule set version that was running, such as {@code offers-3}. */
    public String version() {
        return version;
    }

    /** Returns the name of the rule that fired last, the one most likely to re-activate itself. */
    public String ruleName() {
        return ruleName;
    }
}
