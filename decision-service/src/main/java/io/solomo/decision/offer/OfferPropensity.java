package io.solomo.decision.offer;

import io.solomo.decision.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;

/**
 * Observed outcomes of one offer in one segment: acceptances and redemptions count as successes. A new entry is
 * inserted, never merged, so that two first outcomes at once conflict on the key instead of one overwriting the other.
 */
@Entity
@Table(name = "offer_propensity")
class OfferPropensity extends AssignedIdEntity<OfferPropensity.Key> {

    @EmbeddedId
    private Key key;

    @Column(name = "successes", nullable = false)
    private double successes;

    @Column(name = "failures", nullable = false)
    private double failures;

    @Version
    private long version;

    protected OfferPropensity() {
    }

    OfferPropensity(String offerId, String segment) {
        this.key = new Key(offerId, segment);
    }

    @Override
    public Key getId() {
        return key;
    }

    void recordSuccess() {
        successes++;
    }

    void recordFailure() {
        failures++;
    }

    /**
     * Turns one counted failure into a success, for a trial whose offer converted after it was ignored. Without a
     * failure to turn, as after a change of the customer's tier, it counts the success alone.
     */
    void reviseFailureToSuccess() {
        if (failures >= 1) {
            failures--;
        }
        successes++;
    }

    double successes() {
        return successes;
    }

    double failures() {
        return failures;
    }

    /** The offer and segment an entry counts for. */
    @Embeddable
    record Key(@Column(name = "offer_id") String offerId, @Column(name = "segment") String segment)
            implements Serializable {
    }
}
