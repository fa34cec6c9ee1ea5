package io.solomo.decision.store;

import java.util.Set;

/** Published after the geofence index was swapped, with the ids of the stores it now holds. */
public record GeofencesRebuilt(Set<String> storeIds) {

    public GeofencesRebuilt {
        storeIds = Set.copyOf(storeIds);
    }
}
