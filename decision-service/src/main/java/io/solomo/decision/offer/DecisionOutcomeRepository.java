package io.solomo.decision.offer;

import org.springframework.data.jpa.repository.JpaRepository;

/** Recorded outcomes by decision and offer. */
interface DecisionOutcomeRepository extends JpaRepository<DecisionOutcome, Long> {

    boolean existsByDecisionIdAndOfferIdAndOutcome(String decisionId, String offerId, DecisionOutcome.Kind outcome);

    boolean existsByDecisionIdAndOfferIdAndOutcomeIn(String decisionId, String offerId,
                                                     java.util.Collection<DecisionOutcome.Kind> outcomes);
}
