package io.solomo.decision.offer;

import io.solomo.decision.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the decision log back: a whole decision, or one sentence on why an offer was not chosen. */
@Service
class DecisionExplanations {

    private static final TypeReference<List<CandidateReport>> REPORTS = new TypeReference<>() {
    };

    private final DecisionRecordRepository decisionLog;
    private final OfferCatalogue offers;
    private final ObjectMapper json;

    DecisionExplanations(DecisionRecordRepository decisionLog, OfferCatalogue offers, ObjectMapper json) {
        this.decisionLog = decisionLog;
        this.offers = offers;
        this.json = json;
    }

    @Transactional(readOnly = true)
    StoredDecision find(String decisionId) {
        DecisionRecord stored = record(decisionId);
        return new StoredDecision(stored.decisionId(), stored.customerId(), stored.channel(), stored.storeId(),
                stored.triggerType(), stored.eventId(), stored.rulesVersion(), stored.contactAt(),
                stored.decidedAt(), stored.holdout(), json.readTree(stored.requestJson()),
                json.readTree(stored.firedRules()), json.readTree(stored.offersJson()), reportsOf(stored));
    }

    /**
     * Returns one sentence saying why the offer was not chosen in the decision, or that it was.
     *
     * @throws NotFoundException when the decision does not exist, or when the offer is neither in the decision nor
     *                           in the catalogue, such as a mistyped offer id
     */
    @Transactional(readOnly = true)
    String whyNot(String decisionId, String offerId) {
        // NOTE: the sentence is English only, because the contact policy, the catalogue and the rules store each
        // rejection as an English sentence. A French answer (Accept-Language: fr) needs them to store a reason code
        // with its values, which both languages can then word.
        DecisionRecord stored = record(decisionId);
        List<CandidateReport> reports = reportsOf(stored);
        if (reports.stream().anyMatch(report -> report.offerId().equals(offerId)
                && CandidateReport.CHOSEN.equals(report.status()))) {
            return "Offer " + offerId + " was chosen in this decision.";
        }
        Optional<CandidateReport> report = reports.stream()
                .filter(candidate -> candidate.offerId().equals(offerId))
                .findFirst();
        if (report.isPresent()) {
            return "Offer " + offerId + " was not chosen because " + withoutFinalStop(report.get().reason()) + ".";
        }
        if (offers.find(offerId).isEmpty()) {
            throw new NotFoundException("offer", "offerId", offerId);
        }
        return "Offer " + offerId + " was not chosen because no rule proposed it for this customer and contact.";
    }

    private DecisionRecord record(String decisionId) {
        return decisionLog.findById(decisionId)
                .orElseThrow(() -> new NotFoundException("decision", "decisionId", decisionId));
    }

    private List<CandidateReport> reportsOf(DecisionRecord stored) {
        return json.readValue(stored.candidatesJson(), REPORTS);
    }

    private static String withoutFinalStop(String sentence) {
        String trimmed = sentence.strip();
        String lowerFirst = trimmed.isEmpty() ? trimmed
                : Character.toLowerCase(trimmed.charAt(0)) + trimmed.substring(1);
        return lowerFirst.endsWith(".") ? lowerFirst.substring(0, lowerFirst.length() - 1) : lowerFirst;
    }

    /** A stored decision as the API returns it. */
    record StoredDecision(String decisionId, String customerId, String channel, String storeId, String trigger,
                          String eventId, String rulesVersion, Instant contactAt, Instant decidedAt, boolean holdout,
                          JsonNode request, JsonNode firedRules, JsonNode offers, List<CandidateReport> candidates) {
    }
}
