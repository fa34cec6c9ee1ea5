package io.solomo.decision.profile;

import java.util.List;

/**
 * Published inside an erasure's transaction, so that a feature that keeps a customer's data in memory drops it.
 *
 * @param customerIds the erased customer's id and every id merged into it
 */
public record CustomerErased(List<String> customerIds) {

    public CustomerErased {
        customerIds = List.copyOf(customerIds);
    }
}
