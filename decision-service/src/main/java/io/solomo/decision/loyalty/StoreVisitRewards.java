package io.solomo.decision.loyalty;

import io.solomo.model.location.StoreEntered;
import io.solomo.model.loyalty.LoyaltyAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Credits the loyalty points the rules award for a store visit, once per visit. */
@Component
class StoreVisitRewards {

    private static final Logger log = LoggerFactory.getLogger(StoreVisitRewards.class);

    private final LoyaltyProgramme loyalty;

    StoreVisitRewards(LoyaltyProgramme loyalty) {
        this.loyalty = loyalty;
    }

    @EventListener
    void rewardVisit(StoreEntered visit) {
        try {
            loyalty.credit(new LoyaltyAction(visit.customerId(), LoyaltyAction.Type.STORE_VISIT,
                    visit.transitionId(), 0));
        } catch (RuntimeException failure) {
            // The offer for this visit must not be lost because the points could not be credited.
            log.warn("Store visit {} of customer {} earned no points: {}", visit.transitionId(), visit.customerId(),
                    failure.toString());
        }
    }
}
