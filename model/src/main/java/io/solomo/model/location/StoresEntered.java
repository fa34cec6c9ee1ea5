package io.solomo.model.location;

import java.util.List;

/**
 * The store visits that a run of fixes from one batch produced, in the order of the fixes. Published after the
 * run's fixes were tracked and before their decisions, so that each listener records the run in one transaction and
 * the decisions read profiles that include them. A batch has one run unless a customer enters a store again in it.
 */
public record StoresEntered(List<StoreEntered> visits) {

    public StoresEntered {
        visits = List.copyOf(visits);
    }
}
