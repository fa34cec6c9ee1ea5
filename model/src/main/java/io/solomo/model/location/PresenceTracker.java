package io.solomo.model.location;

import java.util.List;

/**
 * The state of each device at each store's geofence (outside, entered, dwelling, exited), advanced fix by fix.
 * Implementations record every transition they return. An implementation may store a fix's transitions and the
 * device's new state only when the {@link LocationEventJournal} records that fix, processed or failed, in the same
 * transaction, so callers record every fix they track.
 */
public interface PresenceTracker {

    /** Applies one accepted fix to its device's state and returns what changed. */
    FixOutcome track(LocationFix fix);

    /**
     * Loads the state of the devices of these fixes ahead of {@link #track}, so that a batch costs one read instead
     * of one per device. Trackers that keep all state in memory do nothing.
     */
    default void loadDevices(List<LocationFix> fixes) {
    }

    /**
     * Announces, as one {@link StoresEntered}, the store visits that these fixes produced when they were tracked.
     * Callers track a whole batch, then announce the visits of a run of its fixes before requesting that run's
     * decisions, so that no decision reads a visit that its customer made after it. Trackers that do not know the
     * customers do nothing.
     */
    default void announceVisits(List<LocationFix> fixes) {
    }

    /** Links a recorded transition to the decision it triggered. */
    void linkDecision(String transitionId, String decisionId);
}
