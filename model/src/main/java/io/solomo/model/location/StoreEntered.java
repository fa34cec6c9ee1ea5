package io.solomo.model.location;

import java.time.Instant;
import java.util.Objects;

/**
 * A store visit: a customer's device entered a store's geofence, one per recorded enter transition. It is published
 * within {@link StoresEntered} so that the datamart and the loyalty programme can count visits, and
 * {@code transitionId} identifies it.
 */
public record StoreEntered(String customerId, String deviceId, String storeId, String transitionId,
                           Instant occurredAt) {

    public StoreEntered {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(transitionId, "transitionId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
