package io.solomo.decision.offer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What a customer did with an offer of a decision; each outcome is recorded once per decision and offer. */
@Entity
@Table(name = "decision_outcome")
class DecisionOutcome {

    /** Outcomes the propensity model learns from: acceptance and redemption are successes. */
    enum Kind {
        ACCEPTED, IGNORED, REDEEMED;

        boolean isSuccess() {
            return this != IGNORED;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "decision_id", nullable = false)
    private String decisionId;

    @Column(name = "offer_id", nullable = false)
    private String offerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false)
    private Kind outcome;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected DecisionOutcome() {
    }

    DecisionOutcome(String decisionId, String offerId, Kind outcome, Instant recordedAt) {
        this.decisionId = decisionId;
        this.offerId = offerId;
        this.outcome = outcome;
        this.recordedAt = recordedAt;
    }
}
