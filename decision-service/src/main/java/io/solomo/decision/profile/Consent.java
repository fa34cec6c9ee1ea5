package io.solomo.decision.profile;

import io.solomo.model.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of a customer's consent history. {@code channel} is null for purposes not tied to a channel. */
@Entity
@Table(name = "consent")
public class Consent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @Enumerated(EnumType.STRING)
    @Column(name = "purpose", nullable = false)
    private ConsentPurpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel")
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private ConsentStatus status;

    @Column(name = "source", nullable = false)
    private String source;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected Consent() {
    }

    Consent(Customer customer, ConsentPurpose purpose, Channel channel, ConsentStatus status, String source,
            Instant recordedAt) {
        this.customer = customer;
        this.purpose = purpose;
        this.channel = channel;
        this.status = status;
        this.source = source;
        this.recordedAt = recordedAt;
    }

    public ConsentPurpose purpose() {
        return purpose;
    }

    public Channel channel() {
        return channel;
    }

    public ConsentStatus status() {
        return status;
    }

    public String source() {
        return source;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
