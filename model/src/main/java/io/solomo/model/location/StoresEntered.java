package io.solomo.model.location;

import java.util.List;

/**
 * The store visits that one batch of location fixes produced, in the order of the fixes. Published once per batch,
 * after its fixes were tracked and before their decisions, so that each listener records the whole batch in one
 * transaction and the decisions read profiles that include them.
 */
public record StoresEntered(List<StoreEntered> visits) {

    public StoresEntered {
        visits = List.copyOf(visits);
    }
}
