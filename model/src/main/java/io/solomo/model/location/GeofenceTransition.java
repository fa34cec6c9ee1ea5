package io.solomo.model.location;

import io.solomo.model.offer.ContactContext.Trigger;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of a device's state at one store's geofence.
 *
 * @param transitionId unique id of the recorded transition
 * @param storeId      the store whose geofence the device entered, dwelt in, left or crossed
 * @param kind         what happened
 * @param cause        why: a fix, the device falling silent, or the geofence being deleted
 * @param occurredAt   the time of the fix that caused it, the last fix plus the silence timeout for a silent
 *                     device, or the server clock for a deleted geofence, UTC
 */
public record GeofenceTransition(String transitionId, String storeId, Kind kind, Cause cause, Instant occurredAt) {

    public GeofenceTransition {
        Objects.requireNonNull(transitionId, "transitionId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The offer trigger of this transition, or null for a pass-through, which never triggers an offer. */
    public Trigger trigger() {
        return switch (kind) {
            case ENTER -> Trigger.GEOFENCE_ENTER;
            case DWELL -> Trigger.GEOFENCE_DWELL;
            case EXIT -> Trigger.GEOFENCE_EXIT;
            case PASS_THROUGH -> null;
        };
    }

    /** What happened at the geofence. */
    public enum Kind {
        /** The device came inside. */
        ENTER,
        /** The device stayed inside for the dwell time. */
        DWELL,
        /** The device left, fell silent while inside, or the geofence was deleted while it was inside. */
        EXIT,
        /** The segment between two fixes outside crossed the geofence: the device went past without stopping. */
        PASS_THROUGH
    }

    /** Why the transition happened. */
    public enum Cause {
        FIX,
        SILENCE,
        GEOFENCE_DELETED
    }
}
