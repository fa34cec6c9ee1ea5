package io.solomo.decision.location;

import io.solomo.model.location.GeofenceTransition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A geofence transition as stored in {@code geofence_transition}, the interaction record of a store visit. */
@Entity
@Table(name = "geofence_transition")
class RecordedTransition {

    @Id
    @Column(name = "transition_id")
    private String transitionId;

    @Column(name = "device_id", nullable = false)
    private String deviceId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "store_id", nullable = false)
    private String storeId;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "cause", nullable = false)
    private String cause;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "decision_id")
    private String decisionId;

    protected RecordedTransition() {
    }

    RecordedTransition(GeofenceTransition transition, String deviceId, String customerId, String eventId,
                       Instant recordedAt) {
        this.transitionId = transition.transitionId();
        this.deviceId = deviceId;
        this.customerId = customerId;
        this.storeId = transition.storeId();
        this.kind = transition.kind().name();
        this.cause = transition.cause().name();
        this.eventId = eventId;
        this.occurredAt = transition.occurredAt();
        this.recordedAt = recordedAt;
    }

    void linkDecision(String decisionId) {
        this.decisionId = decisionId;
    }

    String storeId() {
        return storeId;
    }

    String kind() {
        return kind;
    }

    String cause() {
        return cause;
    }

    String customerId() {
        return customerId;
    }

    String decisionId() {
        return decisionId;
    }

    Instant occurredAt() {
        return occurredAt;
    }
}
