package io.solomo.decision.profile;

import io.solomo.model.location.StoreEntered;
import io.solomo.model.location.StoresEntered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records each store visit that location tracking detects as a {@code STORE_VISIT} interaction, so that visit
 * counts, the last and the favourite store grow with the profile. The visits of a batch of fixes are written
 * together. The transition id makes the event id, so a visit is counted once.
 */
@Component
class StoreVisitInteractions {

    private static final Logger log = LoggerFactory.getLogger(StoreVisitInteractions.class);

    private final InteractionRecorder interactions;
    private final ObjectMapper json;

    StoreVisitInteractions(InteractionRecorder interactions, ObjectMapper json) {
        this.interactions = interactions;
        this.json = json;
    }

    @EventListener
    void recordVisits(StoresEntered entered) {
        List<InteractionCommand> commands = new ArrayList<>(entered.visits().size());
        for (StoreEntered visit : entered.visits()) {
            String attributes = json.writeValueAsString(Map.of("storeId", visit.storeId(), "source", "geofence"));
            commands.add(new InteractionCommand("visit-" + visit.transitionId(), visit.customerId(), List.of(),
                    new InteractionFacts(InteractionType.STORE_VISIT, visit.occurredAt(), visit.storeId(),
                            BigDecimal.ZERO, List.of()), attributes));
        }
        List<InteractionResult> results;
        try {
            results = interactions.record(commands, "location-tracking");
        } catch (RuntimeException failure) {
            // The offers for these visits must not be lost because the profiles could not be updated.
            log.warn("Store visits {} were not recorded in the profiles: {}",
                    commands.stream().map(InteractionCommand::eventId).toList(), failure.toString());
            return;
        }
        for (InteractionResult result : results) {
            if (result.status() == InteractionResult.Status.REJECTED) {
                log.warn("Store visit {} was not recorded in its profile: {}", result.eventId(), result.reason());
            }
        }
    }
}
