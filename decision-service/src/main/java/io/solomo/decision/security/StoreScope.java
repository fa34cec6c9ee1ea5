package io.solomo.decision.security;

import java.util.Set;

/**
 * The stores a local marketer may act for: the stores named by id and every store of the chains named.
 *
 * @param storeIds store ids
 * @param chains   chain names, as stores carry them
 */
public record StoreScope(Set<String> storeIds, Set<String> chains) {

    public StoreScope {
        storeIds = Set.copyOf(storeIds);
        chains = Set.copyOf(chains);
    }

    /** Returns true when the store, of the chain given or of none (null), is within this scope. */
    public boolean covers(String storeId, String chain) {
        return storeIds.contains(storeId) || (chain != null && chains.contains(chain));
    }
}
