package io.solomo.model.location;

import java.util.List;

/** What one location fix did: its assessment and the geofence transitions it caused, in order. */
public record FixOutcome(FixAssessment assessment, List<GeofenceTransition> transitions) {

    public FixOutcome {
        transitions = List.copyOf(transitions);
    }
}
