package io.solomo.decision.offer;

import io.solomo.model.Channel;
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
 * One offer presented to one customer: pushed to them (push, SMS, email, webhook) or pulled by their app (in-app).
 * The contact policy counts these rows; both kinds share one fatigue budget.
 */
@Entity
@Table(name = "contact")
class Contact {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "decision_id", nullable = false)
    private String decisionId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "offer_id", nullable = false)
    private String offerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false)
    private Channel channel;

    @Column(name = "pushed", nullable = false)
    private boolean pushed;

    @Column(name = "contacted_at", nullable = false)
    private Instant contactedAt;

    protected Contact() {
    }

    Contact(String decisionId, String customerId, String offerId, Channel channel, Instant contactedAt) {
        this.decisionId = decisionId;
        this.customerId = customerId;
        this.offerId = offerId;
        this.channel = channel;
        this.pushed = channel != Channel.IN_APP;
        this.contactedAt = contactedAt;
    }

    String decisionId() {
        return decisionId;
    }

    String customerId() {
        return customerId;
    }

    String offerId() {
        return offerId;
    }

    Channel channel() {
        return channel;
    }

    boolean pushed() {
        return pushed;
    }

    Instant contactedAt() {
        return contactedAt;
    }
}
