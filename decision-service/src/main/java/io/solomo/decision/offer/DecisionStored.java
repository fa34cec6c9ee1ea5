package io.solomo.decision.offer;

import java.time.Instant;
import java.util.List;

/**
 * An application event published in the transaction that stores a decision. Listeners that act on it outside the
 * database use {@code @TransactionalEventListener}, so that they see only committed decisions.
 *
 * @param storeId  the store of the contact, or null when the request named none
 * @param offerIds the chosen offers, best first; empty when none was chosen
 * @param holdout  whether the customer is in the holdout group, which receives no targeted offers
 */
public record DecisionStored(String decisionId, String customerId, String channel, String storeId,
                             List<String> offerIds, boolean holdout, Instant decidedAt) {

    public DecisionStored {
        offerIds = List.copyOf(offerIds);
    }
}
