package io.solomo.decision.profile;

import io.solomo.model.location.StoreEntered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Records each store visit that location tracking detects as a {@code STORE_VISIT} interaction, so that visit
 * counts, the last and the favourite store grow with the profile. The transition id makes the event id, so a visit
 * is counted once.
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
    void recordVisit(StoreEntered visit) {
        String attributes = json.writeValueAsString(Map.of("storeId", visit.storeId(), "source", "geofence"));
        InteractionCommand command = new InteractionCommand("visit-" + visit.transitionId(), visit.customerId(),
                List.of(), new InteractionFacts(InteractionType.STORE_VISIT, visit.occurredAt(), visit.storeId(),
                BigDecimal.ZERO, List.of()), attributes);
        try {
            interactions.record(List.of(command), "location-tracking");
        } catch (RuntimeException failure) {
            // The offer for this visit must not be lost because the profile could not be updated.
            log.warn("Store visit {} of customer {} was not recorded in the profile: {}", visit.transitionId(),
                    visit.customerId(), failure.toString());
        }
    }
}
