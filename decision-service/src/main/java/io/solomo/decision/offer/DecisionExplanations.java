package io.solomo.decision.offer;

import io.solomo.decision.segment.SegmentCatalogue;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.Language;
import io.solomo.rules.OfferProposer;
import io.solomo.rules.OfferRuleBase;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the decision log back: a whole decision, or one sentence in English or French on why an offer was not
 * chosen.
 */
@Service
class DecisionExplanations {

    private static final TypeReference<List<CandidateReport>> REPORTS = new TypeReference<>() {
    };

    private static final String VOWELS = "aeiouyàâäéèêëîïôöùûüæœ";

    private final DecisionRecordRepository decisionLog;
    private final OfferCatalogue offers;
    private final ActiveOfferRules rules;
    private final RecordedContact recordedContact;
    private final SegmentCatalogue segments;
    private final ObjectMapper json;

    DecisionExplanations(DecisionRecordRepository decisionLog, OfferCatalogue offers, ActiveOfferRules rules,
                         RecordedContact recordedContact, SegmentCatalogue segments, ObjectMapper json) {
        this.decisionLog = decisionLog;
        this.offers = offers;
        this.rules = rules;
        this.recordedContact = recordedContact;
        this.segments = segments;
        this.json = json;
    }

    @Transactional(readOnly = true)
    StoredDecision find(String decisionId) {
        DecisionRecord stored = record(decisionId);
        return new StoredDecision(stored.decisionId(), stored.customerId(), stored.channel(), stored.storeId(),
                stored.triggerType(), stored.eventId(), stored.rulesVersion(), stored.contactAt(),
                stored.decidedAt(), stored.holdout(), json.readTree(stored.requestJson()),
                json.readTree(stored.firedRules()), json.readTree(stored.offersJson()), reportsOf(stored),
                stored.factsJson() == null ? null : json.readTree(stored.factsJson()));
    }

    /**
     * Returns one sentence in the language saying why the offer was not chosen in the decision, or that it was. In
     * French, a decision stored before the log kept French reasons gives its English reason in a French sentence.
     * When no rule proposed the offer, a second sentence names the rules of the active rule set that can propose it.
     * That rule set may differ from the one that took the decision. Further sentences then give the conditions of
     * these rules that the contact did not meet, when the stored decision shows them for certain.
     *
     * @throws NotFoundException when the decision does not exist, or when the offer is neither in the decision nor
     *                           in the catalogue, such as a mistyped offer id
     */
    @Transactional(readOnly = true)
    String whyNot(String decisionId, String offerId, Language language) {
        DecisionRecord stored = record(decisionId);
        List<CandidateReport> reports = reportsOf(stored);
        Optional<CandidateReport> chosen = reports.stream()
                .filter(report -> report.offerId().equals(offerId) && CandidateReport.CHOSEN.equals(report.status()))
                .findFirst();
        if (chosen.isPresent()) {
            return chosenInWords(chosen.get(), stored.storeId(), language);
        }
        Optional<CandidateReport> report = reports.stream()
                .filter(candidate -> candidate.offerId().equals(offerId))
                .findFirst();
        if (report.isPresent()) {
            return notChosen(report.get(), language);
        }
        // A template the rules proposed was replaced by the offer of its local campaign at the contact's store.
        Optional<CandidateReport> local = reports.stream()
                .filter(candidate -> offerId.equals(candidate.templateOfferId()))
                .findFirst();
        if (local.isPresent()) {
            CandidateReport localReport = local.get();
            String replaced = ReasonMessages.format(language, "why-not.template-local", localReport.offerId(),
                    localReport.localCampaignId(), offerId, stored.storeId());
            String fate = CandidateReport.CHOSEN.equals(localReport.status())
                    ? chosenInWords(localReport, stored.storeId(), language)
                    : notChosen(localReport, language);
            return replaced + " " + fate;
        }
        Offer offer = offers.find(offerId).orElseThrow(() -> new NotFoundException("offer", "offerId", offerId));
        if (offer.templateOfferId() != null) {
            return localOfferNotConsidered(decisionId, offer, stored, language);
        }
        OfferRuleBase ruleBase = rules.current();
        List<OfferProposer> proposers = ruleBase.rulesProposing(offerId);
        if (proposers.isEmpty()) {
            return ReasonMessages.format(language, "why-not.no-rule-proposes", offerId);
        }
        String noRule = ReasonMessages.format(language, "why-not.no-rule", offerId,
                proposersInWords(proposers, language));
        String unmet = unmetConditionsInWords(ruleBase, proposers, stored, language);
        return unmet.isEmpty() ? noRule : noRule + " " + unmet;
    }

    /**
     * Explains why a local campaign's offer was not among the candidates. The rules never name it, because they
     * propose its template, so the explanation names the campaign, then the contact's other store or the template's
     * own fate in this decision.
     */
    private String localOfferNotConsidered(String decisionId, Offer offer, DecisionRecord stored, Language language) {
        String campaign = ReasonMessages.format(language, "why-not.local-offer", offer.offerId(),
                offer.localCampaignId(), offer.templateOfferId(), offer.storeId());
        if (stored.storeId() == null) {
            return campaign + " " + ReasonMessages.format(language, "why-not.local-offer-away");
        }
        if (!stored.storeId().equals(offer.storeId())) {
            return campaign + " " + ReasonMessages.format(language, "why-not.local-offer-elsewhere",
                    stored.storeId());
        }
        return campaign + " " + whyNot(decisionId, offer.templateOfferId(), language);
    }

    private String unmetConditionsInWords(OfferRuleBase ruleBase, List<OfferProposer> proposers,
                                          DecisionRecord stored, Language language) {
        RecordedContact.Known contact = recordedContact.of(stored);
        List<String> sentences = new ArrayList<>();
        for (OfferProposer proposer : proposers) {
            String worded = UnmetConditionWords.inWords(proposer,
                    ruleBase.unmetConditions(proposer, contact.facts()), contact,
                    segmentId -> segmentName(segmentId, language), language);
            if (!worded.isEmpty()) {
                sentences.add(worded);
            }
        }
        return String.join(" ", sentences);
    }

    /**
     * Returns the segment's name in the language from the segment catalogue as it is now, or its id when the
     * segment no longer exists.
     */
    private String segmentName(String segmentId, Language language) {
        return segments.find(segmentId)
                .map(segment -> language == Language.FR ? segment.nameFr() : segment.nameEn())
                .orElse(segmentId);
    }

    /** Returns the sentence on a chosen offer, naming its local campaign when it is a local campaign's offer. */
    private static String chosenInWords(CandidateReport report, String storeId, Language language) {
        if (report.localCampaignId() == null) {
            return ReasonMessages.format(language, "why-not.chosen", report.offerId());
        }
        return ReasonMessages.format(language, "why-not.chosen-local", report.offerId(), report.localCampaignId(),
                report.templateOfferId(), storeId);
    }

    /** Words each rule with its file, and the sheet and row of a decision table rule, separated by semicolons. */
    static String proposersInWords(List<OfferProposer> proposers, Language language) {
        List<String> worded = new ArrayList<>();
        for (OfferProposer proposer : proposers) {
            if (proposer.row() == null) {
                worded.add(ReasonMessages.format(language, "why-not.rule", proposer.ruleName(), proposer.file()));
            } else if (proposer.sheet() == null) {
                worded.add(ReasonMessages.format(language, "why-not.table-row", proposer.ruleName(), proposer.file(),
                        proposer.row()));
            } else {
                worded.add(ReasonMessages.format(language, "why-not.table-row-in-sheet", proposer.ruleName(),
                        proposer.file(), proposer.sheet(), proposer.row()));
            }
        }
        return String.join(language == Language.FR ? " ; " : "; ", worded);
    }

    /** Returns the why-not response for a candidate that was held back or ranked below the offers chosen. */
    static String notChosen(CandidateReport report, Language language) {
        String reason = language == Language.FR ? report.reasonFr() : report.reason();
        if (reason == null) {
            return ReasonMessages.format(language, "why-not.english-only", report.offerId(),
                    withoutOfferSubject(asClause(report.reason()), report.offerId(), Language.EN));
        }
        String clause = withoutOfferSubject(asClause(reason), report.offerId(), language);
        String frame = startsWithVowel(clause) ? "why-not.not-chosen-before-vowel" : "why-not.not-chosen";
        return ReasonMessages.format(language, frame, report.offerId(), clause);
    }

    private DecisionRecord record(String decisionId) {
        return decisionLog.findById(decisionId)
                .orElseThrow(() -> new NotFoundException("decision", "decisionId", decisionId));
    }

    private List<CandidateReport> reportsOf(DecisionRecord stored) {
        return json.readValue(stored.candidatesJson(), REPORTS);
    }

    /**
     * Returns a sentence ready to follow "because": its first letter in lower case, unless it starts an acronym such
     * as "SMS", and without its final stop. The engine stores the rules' reasons in this form, like its own.
     */
    static String asClause(String sentence) {
        String trimmed = sentence.strip();
        boolean acronym = trimmed.length() > 1 && Character.isUpperCase(trimmed.charAt(1));
        String lowerFirst = trimmed.isEmpty() || acronym ? trimmed
                : Character.toLowerCase(trimmed.charAt(0)) + trimmed.substring(1);
        return lowerFirst.endsWith(".") ? lowerFirst.substring(0, lowerFirst.length() - 1) : lowerFirst;
    }

    /**
     * Replaces a leading "offer ID" ("l'offre ID") of a stored reason with "it" ("elle"), because the why-not sentence
     * names the offer already. Decisions stored before the engine's reasons called the offer "it" have such reasons,
     * and so may a rule's own reason.
     */
    private static String withoutOfferSubject(String clause, String offerId, Language language) {
        String subject = ReasonMessages.format(language, "why-not.stored-offer-subject", offerId) + " ";
        if (!clause.regionMatches(true, 0, subject, 0, subject.length())) {
            return clause;
        }
        return ReasonMessages.format(language, "why-not.offer-pronoun") + " " + clause.substring(subject.length());
    }

    /**
     * Returns whether the clause starts with a vowel, before which French elides "que" ("parce qu'il"). A leading h
     * counts as a consonant, as for an aspirated h.
     */
    private static boolean startsWithVowel(String clause) {
        return !clause.isEmpty() && VOWELS.indexOf(clause.charAt(0)) >= 0;
    }

    /**
     * A stored decision as the API returns it. {@code facts} are the {@link DecisionFacts} the rules saw: null for a
     * decision stored before they were kept, and empty once the customer's data was erased.
     */
    record StoredDecision(String decisionId, String customerId, String channel, String storeId, String trigger,
                          String eventId, String rulesVersion, Instant contactAt, Instant decidedAt, boolean holdout,
                          JsonNode request, JsonNode firedRules, JsonNode offers, List<CandidateReport> candidates,
                          JsonNode facts) {
    }
}
