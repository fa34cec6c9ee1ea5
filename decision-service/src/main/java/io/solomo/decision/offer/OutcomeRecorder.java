package io.solomo.decision.offer;

import io.solomo.decision.profile.ConflictRetry;
import io.solomo.decision.profile.CustomerRepository;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

/**
 * Records what customers did with the offers of a decision and feeds the propensity model. Each offer of a decision
 * is one trial for the model: a success once it is accepted or redeemed, a failure while it is only ignored. So a
 * redemption after an acceptance adds no second success, an acceptance after an ignore turns that failure into a
 * success, and an ignore after an acceptance changes nothing.
 */
@Service
class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final TypeReference<List<CandidateReport>> REPORTS = new TypeReference<>() {
    };

    private final DecisionRecordRepository decisionLog;
    private final DecisionOutcomeRepository outcomes;
    private final PropensityModel propensities;
    private final CustomerRepository customers;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OutcomeRecorder(DecisionRecordRepository decisionLog, DecisionOutcomeRepository outcomes,
                    PropensityModel propensities, CustomerRepository customers, ObjectMapper json,
                    TransactionTemplate transaction, Clock clock) {
        this.decisionLog = decisionLog;
        this.outcomes = outcomes;
        this.propensities = propensities;
        this.customers = customers;
        this.json = json;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Returns true when the outcome was new, false when it had been recorded before. A conflict with a concurrent
     * report for the same offer and segment is retried, and the checks then see the other report.
     */
    boolean record(String decisionId, String offerId, DecisionOutcome.Kind outcome) {
        return Boolean.TRUE.equals(ConflictRetry.inTransaction(transaction,
                "outcome " + outcome + " of offer " + offerId + " in decision " + decisionId,
                () -> recordOnce(decisionId, offerId, outcome)));
    }

    private boolean recordOnce(String decisionId, String offerId, DecisionOutcome.Kind outcome) {
        DecisionRecord decision = decisionLog.findById(decisionId)
                .orElseThrow(() -> new NotFoundException("decision", "decisionId", decisionId));
        List<CandidateReport> reports = json.readValue(decision.candidatesJson(), REPORTS);
        boolean chosen = reports.stream().anyMatch(report -> report.offerId().equals(offerId)
                && CandidateReport.CHOSEN.equals(report.status()));
        if (!chosen) {
            throw new InvalidFieldException("offerId", offerId,
                    "offer " + offerId + " was not chosen in decision " + decisionId);
        }
        // NOTE: the segment is the customer's tier now, so an outcome reported after a tier change counts in the new
        // tier, and turning an ignore into a success then moves a failure between segments.
        String segment = customers.findById(decision.customerId())
                .map(customer -> customer.loyaltyTier().name())
                .orElse("UNKNOWN");
        // Loaded before the checks below, the counts' version covers them: a report for the same offer that commits
        // in between makes this transaction's update of the counts fail, and the retry then reads that report.
        propensities.holdCounts(offerId, segment);
        if (outcomes.existsByDecisionIdAndOfferIdAndOutcome(decisionId, offerId, outcome)) {
            return false;
        }

        boolean converted = outcomes.existsByDecisionIdAndOfferIdAndOutcomeIn(decisionId, offerId,
                EnumSet.of(DecisionOutcome.Kind.ACCEPTED, DecisionOutcome.Kind.REDEEMED));
        boolean ignored = outcomes.existsByDecisionIdAndOfferIdAndOutcome(decisionId, offerId,
                DecisionOutcome.Kind.IGNORED);
        outcomes.save(new DecisionOutcome(decisionId, offerId, outcome, clock.instant()));
        if (!converted) {
            if (outcome.isSuccess() && ignored) {
                propensities.reviseToSuccess(offerId, segment);
            } else {
                propensities.learn(offerId, segment, outcome.isSuccess());
            }
        }
        log.info("Outcome {} of offer {} in decision {}", outcome, offerId, decisionId);
        return true;
    }
}
