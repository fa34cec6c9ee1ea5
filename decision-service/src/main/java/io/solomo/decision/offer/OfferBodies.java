package io.solomo.decision.offer;

import io.solomo.decision.delivery.OfferTreatments.StoredTreatment;
import io.solomo.decision.store.Store;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.RejectUnknownFields;
import io.solomo.decision.web.WholeNumberDeserializer;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.springframework.stereotype.Component;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.solomo.decision.web.FrenchDetails.quoted;
import static io.solomo.decision.web.RequestFields.optionalInstant;
import static io.solomo.decision.web.RequestFields.optionalText;
import static io.solomo.decision.web.RequestFields.requireText;

/**
 * The request and response bodies of the campaign and offer API, and the checks that turn a body into
 * {@link OfferManagement.OfferFields}. Each failed check is a 400 problem naming the field and the value.
 */
@Component
class OfferBodies {

    /** Campaign and offer ids: letters, digits, dot, underscore and hyphen, starting with a letter or digit. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final int MAX_ID_LENGTH = 100;
    static final int MAX_NAME_LENGTH = 300;
    static final int MAX_MESSAGE_LENGTH = 1000;
    static final int MAX_SCOPE_LENGTH = 200;
    static final int MAX_TITLE_LENGTH = 300;
    static final int MAX_TREATMENT_BODY_LENGTH = 2000;
    static final double MAX_BUSINESS_VALUE = 1_000_000_000;
    static final double DEFAULT_PRIOR_PROPENSITY = 0.1;
    static final double DEFAULT_BUSINESS_LEVER = 1.0;

    private final StoreCatalog stores;

    OfferBodies(StoreCatalog stores) {
        this.stores = stores;
    }

    /** Returns the checked id of a new campaign or offer. */
    static String requireId(String field, String value) {
        String id = requireText(field, value, MAX_ID_LENGTH);
        if (!ID.matcher(id).matches()) {
            throw new InvalidFieldException(field, id, field + " must contain only letters, digits, '.', '_' and "
                    + "'-', starting with a letter or digit, got '" + id + "'", field + " ne doit contenir que des "
                    + "lettres sans accent, des chiffres, « . », « _ » et « - », et commencer par une lettre ou un "
                    + "chiffre, reçu " + quoted(id) + ".");
        }
        return id;
    }

    /**
     * Checks an offer body. The campaign's existence is checked by {@link OfferManagement}, within the transaction
     * that writes the offer.
     *
     * @param offerId the id from the path, or null when the body gives it (creation)
     */
    OfferManagement.OfferFields fields(String offerId, OfferBody body) {
        if (body == null) {
            throw new InvalidFieldException("body", null, "the request body is missing; send a JSON offer",
                    "Le corps de la requête est absent ; envoyez une offre en JSON.");
        }
        String id;
        if (offerId == null) {
            id = requireId("offerId", body.offerId());
        } else {
            id = offerId;
            if (body.offerId() != null && !body.offerId().equals(offerId)) {
                throw new InvalidFieldException("offerId", body.offerId(), "offerId in the body must be the id of "
                        + "the path, " + offerId + ", or left out; an offer cannot be renamed", "offerId dans le "
                        + "corps doit être l’identifiant du chemin, " + offerId + ", ou être omis ; une offre ne "
                        + "peut pas changer d’identifiant.");
            }
        }
        String campaignId = requireText("campaignId", body.campaignId(), MAX_ID_LENGTH);
        String messageFr = requireText("messageFr", body.messageFr(), MAX_MESSAGE_LENGTH);
        String messageEn = requireText("messageEn", body.messageEn(), MAX_MESSAGE_LENGTH);
        double businessValue = businessValue(body.businessValue());
        Instant validFrom = requireInstant("validFrom", body.validFrom());
        Instant validTo = requireInstant("validTo", body.validTo());
        if (!validTo.isAfter(validFrom)) {
            throw new InvalidFieldException("validTo", body.validTo(), "validTo must be after validFrom ("
                    + body.validFrom() + "), got " + body.validTo(), "validTo doit être postérieur à validFrom ("
                    + body.validFrom() + "), reçu " + body.validTo() + ".");
        }
        String storeId = optionalText("storeId", body.storeId(), MAX_SCOPE_LENGTH);
        String chain = optionalText("chain", body.chain(), MAX_SCOPE_LENGTH);
        checkScope(storeId, chain);
        return new OfferManagement.OfferFields(id, campaignId, messageFr, messageEn, businessValue, validFrom, validTo,
                storeId, chain, body.active(), priorPropensity(body.priorPropensity()),
                businessLever(body.businessLever()), optionalCount("maxTotal", body.maxTotal()),
                optionalCount("maxPerDay", body.maxPerDay()), optionalCount("cooldownMinutes",
                body.cooldownMinutes()), couponValidity(id, body.couponValidity()), treatments(body.treatments()));
    }

    /** Returns the offer's own coupon validity in its stored form, or null for the global setting. */
    private static String couponValidity(String offerId, String value) {
        if (value == null) {
            return null;
        }
        try {
            return CouponLifetime.parse(offerId, value).toString();
        } catch (IllegalArgumentException invalid) {
            throw new InvalidFieldException("couponValidity", value, invalid.getMessage(), "couponValidity "
                    + quoted(value) + " n’est pas valide ; il faut une durée ISO-8601 positive comme PT2H ou P7D "
                    + "(sans mois ni années), ou " + CouponLifetime.END_OF_DAY_TEXT + ".");
        }
    }

    private static double businessValue(Double value) {
        if (value == null) {
            throw new InvalidFieldException("businessValue", null, "businessValue, the value of one acceptance "
                    + "in euros, is missing", "businessValue, la valeur d’une acceptation en euros, est absent.");
        }
        if (!(value >= 0 && value <= MAX_BUSINESS_VALUE)) {
            throw new InvalidFieldException("businessValue", value, "businessValue must be between 0 and "
                    + "1,000,000,000 euros, got " + value, "businessValue doit être compris entre 0 et "
                    + "1\u202F000\u202F000\u202F000 euros, reçu " + value + ".");
        }
        return value;
    }

    private static Instant requireInstant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, value, field + " is missing; send an ISO-8601 timestamp with an "
                    + "offset, such as 2026-12-04T10:15:00Z", field + " est absent ; envoyez un horodatage ISO-8601 "
                    + "avec décalage horaire, par exemple 2026-12-04T10:15:00Z.");
        }
        return optionalInstant(field, value);
    }

    private static double priorPropensity(Double value) {
        if (value == null) {
            return DEFAULT_PRIOR_PROPENSITY;
        }
        if (!(value > 0 && value < 1)) {
            throw new InvalidFieldException("priorPropensity", value, "priorPropensity, the expected acceptance "
                    + "rate before any outcome is known, must be greater than 0 and less than 1, got " + value,
                    "priorPropensity, le taux d’acceptation attendu avant tout résultat connu, doit être "
                            + "strictement compris entre 0 et 1, reçu " + value + ".");
        }
        return value;
    }

    private static double businessLever(Double value) {
        if (value == null) {
            return DEFAULT_BUSINESS_LEVER;
        }
        if (!(value > 0 && Double.isFinite(value))) {
            throw new InvalidFieldException("businessLever", value, "businessLever must be a positive multiplier "
                    + "(1 is neutral), got " + value, "businessLever doit être un coefficient positif (1 est "
                    + "neutre), reçu " + value + ".");
        }
        return value;
    }

    /** Returns a limit or cooldown, null when left out; 0 is accepted and, for a limit, blocks every contact. */
    private static Integer optionalCount(String field, Integer value) {
        if (value != null && value < 0) {
            throw new InvalidFieldException(field, value, field + " must be 0 or more, or left out for none, got "
                    + value, field + " doit valoir 0 ou plus, ou être omis pour n’en fixer aucun, reçu " + value
                    + ".");
        }
        return value;
    }

    /**
     * Rejects a store id or chain that no known store has, and a store of another chain than {@code chain}, since
     * such an offer could never be made.
     */
    private void checkScope(String storeId, String chain) {
        Store store = null;
        if (storeId != null) {
            store = stores.find(storeId).orElseThrow(() -> new InvalidFieldException("storeId", storeId,
                    "storeId '" + storeId + "' matches no store; list them with GET /api/v1/stores",
                    "Aucun magasin n’a l’identifiant " + quoted(storeId) + " (storeId) ; GET /api/v1/stores les "
                            + "liste."));
        }
        if (chain == null) {
            return;
        }
        if (store != null && !chain.equals(store.chain())) {
            throw new InvalidFieldException("chain", chain, "store " + storeId + " belongs to chain "
                    + (store.chain() == null ? "none" : "'" + store.chain() + "'") + ", not '" + chain
                    + "'; leave chain out when storeId is set", "Le magasin " + storeId + " appartient "
                    + (store.chain() == null ? "à aucune enseigne" : "à l’enseigne " + quoted(store.chain()))
                    + ", et non à " + quoted(chain) + " ; omettez chain quand storeId est renseigné.");
        }
        Set<String> chains = new TreeSet<>();
        stores.findAll().stream().map(Store::chain).filter(Objects::nonNull).forEach(chains::add);
        if (!chains.contains(chain)) {
            throw new InvalidFieldException("chain", chain, "chain '" + chain + "' matches no store; the known "
                    + "chains are " + (chains.isEmpty() ? "none" : String.join(", ", chains)), "Aucun magasin "
                    + "n’est de l’enseigne " + quoted(chain) + " ; les enseignes connues sont "
                    + (chains.isEmpty() ? "aucune" : String.join(", ", chains)) + ".");
        }
    }

    /**
     * Checks the treatments by channel and language. Each channel needs a French and an English text, and SMS
     * takes no title, since an SMS has none. Null means the request leaves the treatments out.
     */
    private static List<StoredTreatment> treatments(Map<String, Map<String, TreatmentBody>> byChannel) {
        if (byChannel == null) {
            return null;
        }
        List<StoredTreatment> treatments = new ArrayList<>();
        Set<Channel> seen = new TreeSet<>();
        for (Map.Entry<String, Map<String, TreatmentBody>> channelEntry : byChannel.entrySet()) {
            String channelField = "treatments." + channelEntry.getKey();
            Channel channel;
            try {
                channel = Channel.parse(channelEntry.getKey());
            } catch (IllegalArgumentException unknown) {
                throw new InvalidFieldException(channelField, channelEntry.getKey(), channelField + ": "
                        + unknown.getMessage(), "Le canal " + quoted(channelEntry.getKey()) + " de treatments est "
                        + "inconnu ; les canaux acceptés sont " + Channel.names() + ".");
            }
            if (!seen.add(channel)) {
                throw new InvalidFieldException(channelField, channelEntry.getKey(), "channel " + channel
                        + " appears twice in treatments, in different letter cases", "Le canal " + channel
                        + " figure deux fois dans treatments, avec des majuscules différentes.");
            }
            Map<String, TreatmentBody> byLanguage = channelEntry.getValue() == null ? Map.of()
                    : channelEntry.getValue();
            for (String code : byLanguage.keySet()) {
                if (!code.equals("fr") && !code.equals("en")) {
                    throw new InvalidFieldException(channelField + "." + code, code, "language '" + code
                            + "' is not served; give the " + channel + " treatment in fr and en", "La langue "
                            + quoted(code) + " n’est pas servie ; donnez le texte " + channel + " en fr et en en.");
                }
            }
            for (Language language : Language.values()) {
                String field = channelField + "." + language.code();
                treatments.add(treatment(field, channel, language, byLanguage.get(language.code())));
            }
        }
        treatments.sort(StoredTreatment.ORDER);
        return treatments;
    }

    private static StoredTreatment treatment(String field, Channel channel, Language language, TreatmentBody body) {
        if (body == null) {
            throw new InvalidFieldException(field, null, field + " is missing; every channel of treatments needs "
                    + "a French (fr) and an English (en) text", field + " est absent ; chaque canal de treatments "
                    + "demande un texte en français (fr) et un en anglais (en).");
        }
        String title = optionalText(field + ".title", body.title(), MAX_TITLE_LENGTH);
        if (title != null && channel == Channel.SMS) {
            throw new InvalidFieldException(field + ".title", title, "an SMS has no title; leave "
                    + field + ".title out and put the whole text in body", "Un SMS n’a pas de titre ; omettez "
                    + field + ".title et mettez tout le texte dans body.");
        }
        String text = requireText(field + ".body", body.body(), MAX_TREATMENT_BODY_LENGTH);
        return new StoredTreatment(channel, language, title, text);
    }

    /** Returns the response body of an offer. */
    static OfferView view(OfferManagement.OfferDetails details) {
        Offer offer = details.offer();
        Map<String, Map<String, TreatmentView>> treatments = new LinkedHashMap<>();
        for (StoredTreatment treatment : details.treatments()) {
            treatments.computeIfAbsent(treatment.channel().name(), channel -> new LinkedHashMap<>())
                    .put(treatment.language().code(), new TreatmentView(treatment.title(), treatment.body()));
        }
        return new OfferView(offer.offerId(), details.campaignId(), offer.messageFr(), offer.messageEn(),
                offer.businessValue(), offer.validFrom(), offer.validTo(), offer.storeId(), offer.chain(),
                offer.active(), offer.priorPropensity(), offer.businessLever(), offer.maxTotal(), offer.maxPerDay(),
                offer.cooldownMinutes(), offer.couponValidityText(), offer.templateOfferId(), offer.localCampaignId(),
                offer.version(), treatments);
    }

    /**
     * An offer as a marketer writes it. {@code offerId} is required on creation and may repeat the path's id on
     * replacement. {@code active} defaults to true on creation and keeps the stored value on replacement, and
     * {@code treatments}, by channel then language ({@code fr}, {@code en}), replace the stored ones only when given.
     */
    @RejectUnknownFields
    record OfferBody(String offerId, String campaignId, String messageFr, String messageEn, Double businessValue,
                     String validFrom, String validTo, String storeId, String chain, Boolean active,
                     Double priorPropensity, Double businessLever,
                     @JsonDeserialize(using = WholeNumberDeserializer.class) Integer maxTotal,
                     @JsonDeserialize(using = WholeNumberDeserializer.class) Integer maxPerDay,
                     @JsonDeserialize(using = WholeNumberDeserializer.class) Integer cooldownMinutes,
                     String couponValidity, Map<String, Map<String, TreatmentBody>> treatments) {
    }

    /** The wording of an offer on one channel in one language; {@code title} is left out for SMS. */
    record TreatmentBody(String title, String body) {
    }

    /**
     * An offer as stored, with its version, which is also its ETag. {@code templateOfferId} and
     * {@code localCampaignId} are set on the offer of a local campaign, which the local campaign API manages.
     */
    record OfferView(String offerId, String campaignId, String messageFr, String messageEn, double businessValue,
                     Instant validFrom, Instant validTo, String storeId, String chain, boolean active,
                     double priorPropensity, double businessLever, Integer maxTotal, Integer maxPerDay,
                     Integer cooldownMinutes, String couponValidity, String templateOfferId,
                     Long localCampaignId, long version,
                     Map<String, Map<String, TreatmentView>> treatments) {
    }

    record TreatmentView(String title, String body) {
    }

    /** A campaign as a marketer writes it; {@code campaignId} is required on creation only. */
    @RejectUnknownFields
    record CampaignBody(String campaignId, String nameFr, String nameEn) {
    }
}
