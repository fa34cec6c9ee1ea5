package io.solomo.decision.offer;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What became of one candidate in a decision, as stored in the decision log.
 *
 * @param status   {@code CHOSEN}, {@code REJECTED} (held back, with the stage and reason) or {@code NOT_CHOSEN}
 *                 (eligible, but ranked below the offers chosen)
 * @param stage    where it was decided: {@code rules}, {@code catalogue}, {@code holdout}, {@code contact-policy},
 *                 {@code arbitration} or {@code fallback}
 * @param reason   one sentence in English saying why, or null for a chosen offer
 * @param reasonFr the same sentence in French, or null for a chosen offer and in decisions stored before the log
 *                 kept French reasons
 * @param factors  the arbitration factors, or null when the candidate was held back before arbitration
 * @param rules    names of the rules that proposed or rejected it
 * @param localCampaignId the local campaign whose offer at the contact's store took the place of the template the
 *                        rules proposed, or null
 * @param templateOfferId that template, or null
 */
record CandidateReport(String offerId, String status, String stage, String reason, String reasonFr, Factors factors,
                       List<String> rules,
                       // Left out of the stored JSON when null, so that the log of other candidates stays as it was.
                       @JsonInclude(JsonInclude.Include.NON_NULL) Long localCampaignId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String templateOfferId) {

    static final String CHOSEN = "CHOSEN";
    static final String REJECTED = "REJECTED";
    static final String NOT_CHOSEN = "NOT_CHOSEN";

    CandidateReport {
        rules = List.copyOf(rules);
    }

    /** Reports a candidate that is no local campaign's offer. */
    CandidateReport(String offerId, String status, String stage, String reason, String reasonFr, Factors factors,
                    List<String> rules) {
        this(offerId, status, stage, reason, reasonFr, factors, rules, null, null);
    }
}
