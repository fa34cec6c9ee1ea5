package io.solomo.decision.location;

import io.solomo.model.location.GeofenceTransition;

import java.time.Instant;

/**
 * A geofence transition waiting to be written to {@code geofence_transition}, with the fix behind it (null for a
 * synthetic exit) and the decision it triggered once that is known.
 */
final class TransitionRow {

    private final GeofenceTransition transition;
    private final String deviceId;
    private final String customerId;
    private final String eventId;
    private final Instant recordedAt;
    private volatile String decisionId;

    TransitionRow(GeofenceTransition transition, String deviceId, String customerId, String eventId,
                  Instant recordedAt) {
        this.transition = transition;
        this.deviceId = deviceId;
        this.customerId = customerId;
        this.eventId = eventId;
        this.recordedAt = recordedAt;
    }

    void linkDecision(String decisionId) {
        this.decisionId = decisionId;
    }

    GeofenceTransition transition() {
        return transition;
    }

    String deviceId() {
        return deviceId;
    }

    String customerId() {
        return customerId;
    }

    String eventId() {
        return eventId;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    String decisionId() {
        return decisionId;
    }
}
