package io.solomo.decision.offer;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.RejectUnknownFields;
import io.solomo.decision.web.WholeNumberDeserializer;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.decision.ChosenOffer;
import io.solomo.model.decision.DecisionRequest;
import io.solomo.model.offer.ContactContext.Trigger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static io.solomo.decision.web.RequestFields.optionalChannel;
import static io.solomo.decision.web.RequestFields.optionalInstant;
import static io.solomo.decision.web.RequestFields.requireLatitude;
import static io.solomo.decision.web.RequestFields.requireLongitude;
import static io.solomo.decision.web.RequestFields.requireText;

/**
 * The decision log, its explanations and the offers' outcomes. The synchronous decision itself, {@code POST
 * /api/v1/decisions}, is served by {@link DecisionServlet} with this class's request and response records.
 */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {

    private static final int DEFAULT_MAX_OFFERS = 3;

    private final DecisionExplanations explanations;
    private final OutcomeRecorder outcomes;

    DecisionController(DecisionExplanations explanations, OutcomeRecorder outcomes) {
        this.explanations = explanations;
        this.outcomes = outcomes;
    }

    @GetMapping("/{decisionId}")
    DecisionExplanations.StoredDecision decision(@PathVariable String decisionId) {
        return explanations.find(decisionId);
    }

    /**
     * Explains why the offer was not chosen, in French when the request's {@code Accept-Language} prefers French to
     * English and in English otherwise, including when the header is missing or malformed.
     */
    @GetMapping("/{decisionId}/why-not/{offerId}")
    ResponseEntity<WhyNot> whyNot(@PathVariable String decisionId, @PathVariable String offerId,
                                  @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                  String acceptLanguage) {
        Language language = responseLanguage(acceptLanguage);
        WhyNot response = new WhyNot(decisionId, offerId, explanations.whyNot(decisionId, offerId, language));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_LANGUAGE, language.code())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(response);
    }

    /**
     * Returns the language of the why-not response for an {@code Accept-Language} header: the first of English,
     * French or any language ({@code *}, which gets English) in the client's order of preference. "fr-FR" and
     * "de, fr;q=0.8" give French. "*", "de" and "fr;q=0.1, *" give English.
     */
    static Language responseLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Language.EN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            // Sorted by weight, highest first; ranges of weight 0 are refusals and are skipped.
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return Language.EN;
        }
        for (Locale.LanguageRange range : ranges) {
            String tag = range.getRange();
            if (range.getWeight() <= 0) {
                continue;
            }
            if (tag.equals("fr") || tag.startsWith("fr-")) {
                return Language.FR;
            }
            if (tag.equals("*") || tag.equals("en") || tag.startsWith("en-")) {
                return Language.EN;
            }
        }
        return Language.EN;
    }

    @PostMapping("/{decisionId}/outcomes")
    ResponseEntity<OutcomeRecorded> outcome(@PathVariable String decisionId, @RequestBody OutcomeBody body) {
        String offerId = requireText("offerId", body.offerId());
        DecisionOutcome.Kind kind = body.kind();
        boolean fresh = outcomes.record(decisionId, offerId, kind);
        return ResponseEntity.status(fresh ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new OutcomeRecorded(decisionId, offerId, kind.name(), fresh ? "RECORDED" : "DUPLICATE"));
    }

    /**
     * The request body. Location and time are optional; {@code channel} null lets the engine pick the customer's
     * preferred consented channel.
     */
    record DecisionBody(String customerId, String channel, Double latitude, Double longitude, String storeId,
                        String at, @JsonDeserialize(using = WholeNumberDeserializer.class) Integer maxOffers) {

        DecisionRequest toRequest() {
            String customer = requireText("customerId", customerId);
            Channel contactChannel = optionalChannel("channel", channel);
            Double checkedLatitude = null;
            Double checkedLongitude = null;
            if (latitude != null || longitude != null) {
                checkedLatitude = requireLatitude("latitude", latitude);
                checkedLongitude = requireLongitude("longitude", longitude);
            }
            Instant contactAt = optionalInstant("at", at);
            int offers = maxOffers == null ? DEFAULT_MAX_OFFERS : maxOffers;
            if (offers < 1 || offers > DecisionRequest.MAX_OFFERS_LIMIT) {
                throw new InvalidFieldException("maxOffers", maxOffers,
                        "maxOffers must be within 1.." + DecisionRequest.MAX_OFFERS_LIMIT + ", got " + maxOffers);
            }
            String store = storeId == null || storeId.isBlank() ? null : storeId.trim();
            return new DecisionRequest(customer, contactChannel, checkedLatitude, checkedLongitude, store, contactAt,
                    offers, Trigger.API, null);
        }
    }

    /** A decision as the API returns it: the chosen offers with their arbitration factors. */
    record DecisionView(String decisionId, String customerId, List<OfferView> offers) {

        static DecisionView of(DecisionEngine.DetailedDecision detailed) {
            List<OfferView> offers = detailed.decision().offers().stream()
                    .map(offer -> OfferView.of(offer, detailed.factors().get(offer.offerId())))
                    .toList();
            return new DecisionView(detailed.decision().decisionId(), detailed.decision().customerId(), offers);
        }
    }

    /**
     * A chosen offer with its score (the priority) and the factors of that priority. {@code message} is the offer's
     * general text, {@code title} and {@code channelMessage} the words its delivery on {@code channel} sends.
     * {@code couponExpiresAt} is the UTC moment the coupon stops being valid, exclusive.
     */
    record OfferView(String offerId, String storeId, Channel channel, double score, Factors factors, String message,
                     String title, String channelMessage, String couponCode, Instant couponExpiresAt,
                     String qrCodeUrl, String routeUrl, String geoUri, List<String> reasons) {

        static OfferView of(ChosenOffer offer, Factors factors) {
            return new OfferView(offer.offerId(), offer.storeId(), offer.channel(), offer.score(), factors,
                    offer.message(), offer.title(), offer.channelMessage(), offer.couponCode(),
                    offer.couponExpiresAt(), offer.qrCodeUrl(), offer.routeUrl(), offer.geoUri(), offer.reasons());
        }
    }

    /** One sentence on why an offer was not chosen, in the language of the {@code Content-Language} header. */
    record WhyNot(String decisionId, String offerId, String explanation) {
    }

    /** An outcome reported by an app or a channel: {@code ACCEPTED}, {@code IGNORED} or {@code REDEEMED}. */
    @RejectUnknownFields
    record OutcomeBody(String offerId, String outcome) {

        DecisionOutcome.Kind kind() {
            String value = requireText("outcome", outcome);
            try {
                return DecisionOutcome.Kind.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidFieldException("outcome", outcome,
                        "unknown outcome '" + outcome + "'; expected one of ACCEPTED, IGNORED, REDEEMED");
            }
        }
    }

    /** The answer to an outcome report; {@code status} is {@code DUPLICATE} for one recorded before. */
    record OutcomeRecorded(String decisionId, String offerId, String outcome, String status) {
    }
}
