package io.solomo.decision.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;

/** One interaction of a customer with the brand, stored once by its event id. */
@Entity
@Table(name = "interaction")
public class Interaction {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "interaction_type", nullable = false)
    private InteractionType type;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "store_id")
    private String storeId;

    @Column(name = "amount")
    private BigDecimal amount;

    @Column(name = "attributes_json", nullable = false)
    private String attributesJson;

    protected Interaction() {
    }

    Interaction(String eventId, String customerId, InteractionFacts facts, String attributesJson, Instant receivedAt) {
        this.eventId = eventId;
        this.customerId = customerId;
        this.type = facts.type();
        this.occurredAt = facts.occurredAt();
        this.receivedAt = receivedAt;
        this.storeId = facts.storeId();
        this.amount = facts.type() == InteractionType.PURCHASE ? facts.amount() : null;
        this.attributesJson = attributesJson;
    }

    /** Reads the facts back from the stored attributes, to rebuild a profile. */
    InteractionFacts facts() {
        return InteractionFacts.read(type, occurredAt, attributes());
    }

    JsonNode attributes() {
        return JSON.readTree(attributesJson);
    }

    public String eventId() {
        return eventId;
    }

    public String customerId() {
        return customerId;
    }

    public InteractionType type() {
        return type;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String storeId() {
        return storeId;
    }

    public BigDecimal amount() {
        return amount;
    }
}
