package io.solomo.decision.loyalty;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One line of the points ledger: points earned, spent or expired, for which action on which reference, and why.
 * Lines are only ever added; the database keeps one line per customer, kind, action and reference.
 */
@Entity
@Table(name = "loyalty_entry")
class LoyaltyEntry {

    /** Direction of a ledger line. */
    enum Kind {
        EARNED, SPENT, EXPIRED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private Kind kind;

    @Column(name = "points", nullable = false)
    private int points;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "reference", nullable = false)
    private String reference;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected LoyaltyEntry() {
    }

    LoyaltyEntry(String customerId, Kind kind, int points, String action, String reference, String reason,
                 Instant recordedAt) {
        this.customerId = customerId;
        this.kind = kind;
        this.points = points;
        this.action = action;
        this.reference = reference;
        this.reason = reason.length() > 300 ? reason.substring(0, 300) : reason;
        this.recordedAt = recordedAt;
    }

    Long id() {
        return id;
    }

    Kind kind() {
        return kind;
    }

    int points() {
        return points;
    }

    String action() {
        return action;
    }

    String reference() {
        return reference;
    }

    String reason() {
        return reason;
    }

    Instant recordedAt() {
        return recordedAt;
    }
}
