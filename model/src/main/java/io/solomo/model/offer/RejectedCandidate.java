package io.solomo.model.offer;

import java.util.Objects;

/** A candidate that a suitability rule held back, with the rule's name and the reason in one sentence. */
public final class RejectedCandidate {

    private final String offerId;
    private final String ruleName;
    private final String reason;

    public RejectedCandidate(String offerId, String ruleName, String reason) {
        this.offerId = Objects.requireNonNull(offerId, "offerId");
        this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String getOfferId() {
        return offerId;
    }

    public String getRuleName() {
        return ruleName;
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "RejectedCandidate[" + offerId + " by '" + ruleName + "': " + reason + "]";
    }
}
