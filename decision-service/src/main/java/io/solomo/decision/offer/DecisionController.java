package io.solomo.decision.offer;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.model.Channel;
import io.solomo.model.decision.Decision;
import io.solomo.model.decision.DecisionRequest;
import io.solomo.model.offer.ContactContext.Trigger;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

import static io.solomo.decision.web.RequestFields.optionalChannel;
import static io.solomo.decision.web.RequestFields.optionalInstant;
import static io.solomo.decision.web.RequestFields.requireLatitude;
import static io.solomo.decision.web.RequestFields.requireLongitude;
import static io.solomo.decision.web.RequestFields.requireText;

/** Synchronous decisions for applications. */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {

    private static final int DEFAULT_MAX_OFFERS = 3;

    private final DecisionEngine engine;

    DecisionController(DecisionEngine engine) {
        this.engine = engine;
    }

    @PostMapping
    Decision decide(@RequestBody DecisionBody body) {
        return engine.decide(body.toRequest());
    }

    /**
     * The request body. Location and time are optional; {@code channel} null lets the engine pick the customer's
     * preferred consented channel.
     */
    record DecisionBody(String customerId, String channel, Double latitude, Double longitude, String storeId,
                        String at, Integer maxOffers) {

        DecisionRequest toRequest() {
            String customer = requireText("customerId", customerId);
            Channel contactChannel = optionalChannel("channel", channel);
            Double checkedLatitude = null;
            Double checkedLongitude = null;
            if (latitude != null || longitude != null) {
                checkedLatitude = requireLatitude("latitude", latitude);
                checkedLongitude = requireLongitude("longitude", longitude);
            }
            Instant contactAt = optionalInstant("at", at);
            int offers = maxOffers == null ? DEFAULT_MAX_OFFERS : maxOffers;
            if (offers < 1 || offers > DecisionRequest.MAX_OFFERS_LIMIT) {
                throw new InvalidFieldException("maxOffers", maxOffers,
                        "maxOffers must be within 1.." + DecisionRequest.MAX_OFFERS_LIMIT + ", got " + maxOffers);
            }
            String store = storeId == null || storeId.isBlank() ? null : storeId.trim();
            return new DecisionRequest(customer, contactChannel, checkedLatitude, checkedLongitude, store, contactAt,
                    offers, Trigger.API, null);
        }
    }
}
