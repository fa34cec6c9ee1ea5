package io.solomo.model.location;

/**
 * The state of each device at each store's geofence (outside, entered, dwelling, exited), advanced fix by fix.
 * Implementations record every transition they return.
 */
public interface PresenceTracker {

    /** Applies one accepted fix to its device's state and returns what changed. */
    FixOutcome track(LocationFix fix);

    /** Links a recorded transition to the decision it triggered. */
    void linkDecision(String transitionId, String decisionId);
}
