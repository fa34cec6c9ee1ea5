package io.solomo.model.offer;

import java.util.Objects;

/**
 * A candidate that a suitability rule held back, with the rule's name and the reason in one sentence, in English and
 * in French. A rule that gives its reason in one language only uses the three-argument constructor, and that text
 * then stands for both languages.
 */
public final class RejectedCandidate {

    private final String offerId;
    private final String ruleName;
    private final String reason;
    private final String reasonFr;

    /** Creates a rejection whose reason, in whatever language the rule wrote it, stands for English and French. */
    public RejectedCandidate(String offerId, String ruleName, String reason) {
        this(offerId, ruleName, reason, reason);
    }

    /**
     * Creates a rejection with its reason in both languages.
     *
     * @param reason   the reason in English
     * @param reasonFr the same reason in French
     */
    public RejectedCandidate(String offerId, String ruleName, String reason, String reasonFr) {
        this.offerId = Objects.requireNonNull(offerId, "offerId");
        this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.reasonFr = Objects.requireNonNull(reasonFr, "reasonFr");
    }

    public String getOfferId() {
        return offerId;
    }

    public String getRuleName() {
        return ruleName;
    }

    /** Returns the reason in English, or in the one language the rule wrote it in. */
    public String getReason() {
        return reason;
    }

    /** Returns the reason in French, or in the one language the rule wrote it in. */
    public String getReasonFr() {
        return reasonFr;
    }

    @Override
    public String toString() {
        return "RejectedCandidate[" + offerId + " by '" + ruleName + "': " + reason + "]";
    }
}
