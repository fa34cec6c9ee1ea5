package io.solomo.decision.location;

import io.solomo.model.location.LocationFix;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An accepted location fix and what became of it: {@code PROCESSED} (with the store and decision, if any) or
 * {@code FAILED} with the reason. The row is written once the route has handled the fix, and {@code received_at} is
 * that time. Versions before the single write stored a fix as {@code RECEIVED} before handling it; the next start
 * handles such rows.
 */
@Entity
@Table(name = "location_event")
class LocationEvent {

    static final String RECEIVED = "RECEIVED";
    static final String PROCESSED = "PROCESSED";
    static final String FAILED = "FAILED";

    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "device_id", nullable = false)
    private String deviceId;

    @Column(name = "latitude", nullable = false)
    private double latitude;

    @Column(name = "longitude", nullable = false)
    private double longitude;

    @Column(name = "accuracy_meters")
    private Double accuracyMeters;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "store_id")
    private String storeId;

    @Column(name = "decision_id")
    private String decisionId;

    @Column(name = "failure_reason", length = 1000)
    private String failureReason;

    @Column(name = "assessment")
    private String assessment;

    protected LocationEvent() {
    }

    LocationEvent(LocationFix fix, Instant receivedAt) {
        this.eventId = fix.eventId();
        this.customerId = fix.customerId();
        this.deviceId = fix.deviceId();
        this.latitude = fix.latitude();
        this.longitude = fix.longitude();
        this.accuracyMeters = fix.accuracyMeters();
        this.recordedAt = fix.recordedAt();
        this.receivedAt = receivedAt;
        this.status = RECEIVED;
    }

    LocationFix toFix() {
        return new LocationFix(eventId, customerId, deviceId, latitude, longitude, accuracyMeters, recordedAt);
    }

    String eventId() {
        return eventId;
    }

    String status() {
        return status;
    }

    String storeId() {
        return storeId;
    }

    String decisionId() {
        return decisionId;
    }

    /** How the presence tracker treated the fix, or null before the route handled it. */
    String assessment() {
        return assessment;
    }
}
