package io.solomo.decision.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The record of one profile absorbed into another: who caused it, when, and the event that linked them. A request
 * for the absorbed id is answered with the survivor.
 */
@Entity
@Table(name = "customer_merge")
public class CustomerMerge {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "absorbed_id", nullable = false)
    private String absorbedId;

    @Column(name = "survivor_id", nullable = false)
    private String survivorId;

    @Column(name = "merged_at", nullable = false)
    private Instant mergedAt;

    @Column(name = "merged_by", nullable = false)
    private String mergedBy;

    @Column(name = "event_id")
    private String eventId;

    protected CustomerMerge() {
    }

    CustomerMerge(String absorbedId, String survivorId, Instant mergedAt, String mergedBy, String eventId) {
        this.absorbedId = absorbedId;
        this.survivorId = survivorId;
        this.mergedAt = mergedAt;
        this.mergedBy = mergedBy;
        this.eventId = eventId;
    }

    public String absorbedId() {
        return absorbedId;
    }

    public String survivorId() {
        return survivorId;
    }

    public Instant mergedAt() {
        return mergedAt;
    }

    /** The API user or job that sent the linking event. */
    public String mergedBy() {
        return mergedBy;
    }

    /** The interaction or import row that linked the two profiles, or null. */
    public String eventId() {
        return eventId;
    }
}
