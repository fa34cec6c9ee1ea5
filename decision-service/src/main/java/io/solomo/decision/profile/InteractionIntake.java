package io.solomo.decision.profile;

import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.List;

/**
 * Checks and stores one interaction reported by a channel, the same way for every transport: the interaction API
 * and the Kafka topic of interactions both hand their JSON object here.
 */
@Service
public class InteractionIntake {

    private final InteractionRecorder recorder;
    private final CustomerDirectory directory;
    private final StoreCatalog stores;
    private final Clock clock;

    InteractionIntake(InteractionRecorder recorder, CustomerDirectory directory, StoreCatalog stores, Clock clock) {
        this.recorder = recorder;
        this.directory = directory;
        this.stores = stores;
        this.clock = clock;
    }

    /**
     * Checks one interaction object and stores it for {@code actor}. Returns {@code STORED}, {@code DUPLICATE} for an
     * event id already stored, or {@code REJECTED} when it kept losing races with concurrent writers or its customer
     * disappeared meanwhile.
     *
     * @throws InvalidFieldException when a field is invalid or {@code attributes.storeId} names no store
     * @throws NotFoundException     when {@code customerId} names no profile
     */
    public InteractionResult accept(JsonNode node, String actor) {
        InteractionCommand command = InteractionRequests.readReported(node, clock.instant());
        String storeId = command.facts().storeId();
        if (storeId != null && !stores.unknownIds(List.of(storeId)).isEmpty()) {
            throw unknownStore(storeId);
        }
        if (command.customerId() != null && directory.find(command.customerId()).isEmpty()) {
            throw new NotFoundException("customer", "customerId", command.customerId());
        }
        return recorder.record(List.of(command), actor).get(0);
    }

    static InvalidFieldException unknownStore(String storeId) {
        return new InvalidFieldException("attributes.storeId", storeId, "attributes.storeId '" + storeId
                + "' names no known store; import the store with POST /api/v1/stores/import first, or leave "
                + "storeId out");
    }
}
