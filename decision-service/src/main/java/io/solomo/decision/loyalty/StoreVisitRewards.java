package io.solomo.decision.loyalty;

import io.solomo.model.location.StoreEntered;
import io.solomo.model.location.StoresEntered;
import io.solomo.model.loyalty.LoyaltyAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Credits the loyalty points the rules award for store visits, once per customer, store and day ({@link VisitDays}),
 * however often the customer walks in that day. The visits of a batch of fixes are
 * credited in one transaction. When that fails, they are credited one at a time, so that one visit's failure costs
 * the others nothing.
 */
@Component
class StoreVisitRewards {

    private static final Logger log = LoggerFactory.getLogger(StoreVisitRewards.class);

    private final LoyaltyProgramme loyalty;
    private final VisitDays days;

    StoreVisitRewards(LoyaltyProgramme loyalty, VisitDays days) {
        this.loyalty = loyalty;
        this.days = days;
    }

    @EventListener
    void rewardVisits(StoresEntered entered) {
        List<LoyaltyAction> actions = entered.visits().stream().map(this::actionOf).toList();
        try {
            loyalty.creditAll(actions);
            return;
        } catch (RuntimeException failure) {
            log.debug("Crediting {} store visits at once failed, crediting them one by one: {}", actions.size(),
                    failure.toString());
        }
        for (StoreEntered visit : entered.visits()) {
            try {
                loyalty.credit(actionOf(visit));
            } catch (RuntimeException failure) {
                // The offer for this visit must not be lost because the points could not be credited.
                log.warn("Store visit {} of customer {} earned no points: {}", visit.transitionId(),
                        visit.customerId(), failure.toString());
            }
        }
    }

    private LoyaltyAction actionOf(StoreEntered visit) {
        return new LoyaltyAction(visit.customerId(), LoyaltyAction.Type.STORE_VISIT, days.reference(visit), 0);
    }
}
