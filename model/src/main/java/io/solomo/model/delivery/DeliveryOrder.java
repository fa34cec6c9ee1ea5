package io.solomo.model.delivery;

import io.solomo.model.decision.ChosenOffer;

/**
 * An instruction to deliver one chosen offer to one customer on the offer's channel.
 *
 * @param eventId the event that triggered the decision, or null for a direct request
 */
public record DeliveryOrder(String decisionId, String customerId, String eventId, ChosenOffer offer) {
}
