package io.solomo.model.decision;

import java.util.List;

/** The outcome of one decision: its id and the chosen offers, best first; no eligible offer gives an empty list. */
public record Decision(String decisionId, String customerId, List<ChosenOffer> offers) {

    public Decision {
        offers = List.copyOf(offers);
    }
}
