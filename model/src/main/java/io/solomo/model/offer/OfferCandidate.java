package io.solomo.model.offer;

import java.util.Objects;

/**
 * An offer that a rule found eligible, with the weight that rule gives it and the name of the rule.
 *
 * <p>Several rules may propose the same offer; the decision service merges them and keeps every rule name as a
 * reason. {@code storeId} is null for an offer that is not tied to a store.
 */
public final class OfferCandidate {

    private final String offerId;
    private final double weight;
    private final String storeId;
    private final String ruleName;

    public OfferCandidate(String offerId, double weight, String storeId, String ruleName) {
        if (offerId == null || offerId.isBlank()) {
            throw new IllegalArgumentException("offerId is missing in a candidate from rule '" + ruleName + "'");
        }
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be positive, got " + weight + " from rule '" + ruleName + "'");
        }
        this.offerId = offerId.trim();
        this.weight = weight;
        this.storeId = storeId;
        this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
    }

    public String getOfferId() {
        return offerId;
    }

    public double getWeight() {
        return weight;
    }

    public String getStoreId() {
        return storeId;
    }

    public String getRuleName() {
        return ruleName;
    }

    @Override
    public String toString() {
        return "OfferCandidate[" + offerId + ", weight " + weight + ", store " + storeId + ", by '" + ruleName + "']";
    }
}
