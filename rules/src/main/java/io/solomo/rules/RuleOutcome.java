package io.solomo.rules;

import io.solomo.model.offer.OfferCandidate;
import io.solomo.model.offer.RejectedCandidate;

import java.util.List;

/**
 * The result of running the offer rules for one contact. An empty candidate list means that no offer is eligible.
 *
 * @param candidates offers still eligible after every rule fired, in the order rules inserted them. The same offer
 *                   appears once for each rule that proposed it.
 * @param rejections candidates that a suitability rule held back, in the order they were held back
 * @param firedRules names of the rules that fired, in firing order. A rule appears once per firing, so a suitability
 *                   rule that holds back three candidates appears three times.
 */
public record RuleOutcome(List<OfferCandidate> candidates, List<RejectedCandidate> rejections,
                          List<String> firedRules) {

    public RuleOutcome {
        candidates = List.copyOf(candidates);
        rejections = List.copyOf(rejections);
        firedRules = List.copyOf(firedRules);
    }
}
