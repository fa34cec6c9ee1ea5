package io.solomo.decision.offer;

import io.solomo.decision.SettingChecks;
import io.solomo.decision.coupon.Coupon;
import io.solomo.decision.coupon.CouponIssuer;
import io.solomo.decision.delivery.DeliveryOutbox;
import io.solomo.decision.delivery.OfferTreatments;
import io.solomo.decision.profile.DecisionProfiles;
import io.solomo.decision.profile.DecisionProfiles.DecisionProfile;
import io.solomo.decision.store.Store;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.Channel;
import io.solomo.model.decision.ChosenOffer;
import io.solomo.model.decision.Decision;
import io.solomo.model.decision.DecisionRequest;
import io.solomo.model.decision.OfferDecisions;
import io.solomo.model.decision.UnknownCustomerException;
import io.solomo.model.location.GeofenceLocator;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.ContactContext.Trigger;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.OfferCandidate;
import io.solomo.model.offer.RejectedCandidate;
import io.solomo.rules.OfferRuleBase;
import io.solomo.rules.RuleOutcome;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Takes offer decisions: gathers the facts, runs the active offer rules, checks the rules' candidates against the
 * catalogue and the contact policy, ranks the survivors by priority = propensity × context weight × value ×
 * business lever, issues a coupon per chosen offer and stores the decision with every candidate's fate, all in one
 * transaction.
 *
 * <p>The contact channel is the requested one, else the customer's first preferred channel with a granted consent,
 * else the first preferred channel, so that the consent rule rejects every candidate and records the reason.
 */
@Service
public class DecisionEngine implements OfferDecisions {

    private static final Logger log = LoggerFactory.getLogger(DecisionEngine.class);

    private static final RejectionReason HOLDOUT = ReasonCode.HOLDOUT.word();

    private final DecisionProfiles profiles;
    private final StoreCatalog stores;
    private final GeofenceLocator geofences;
    private final OfferCatalogue offers;
    private final OfferVolumes volumes;
    private final ActiveOfferRules rules;
    private final ContactPolicy policy;
    private final PropensityModel propensities;
    private final PolicySettings settings;
    private final CouponIssuer coupons;
    private final DecisionLogWriter decisionLog;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId defaultTimeZone;
    private final Duration couponValidity;
    private final DeliveryOutbox deliveryOutbox;
    private final OfferTreatments treatments;
    private final EntityManager entityManager;

    DecisionEngine(DecisionProfiles profiles, StoreCatalog stores,
                   GeofenceLocator geofences, OfferCatalogue offers, OfferVolumes volumes, ActiveOfferRules rules,
                   ContactPolicy policy, PropensityModel propensities, PolicySettings settings,
                   CouponIssuer coupons, DecisionLogWriter decisionLog, ObjectMapper json, Clock clock,
                   @Value("${solomo.default-time-zone}") String defaultTimeZone,
                   @Value("${solomo.coupons.validity}") Duration couponValidity, DeliveryOutbox deliveryOutbox,
                   OfferTreatments treatments, EntityManager entityManager) {
        this.profiles = profiles;
        this.stores = stores;
        this.geofences = geofences;
        this.offers = offers;
        this.volumes = volumes;
        this.rules = rules;
        this.policy = policy;
        this.propensities = propensities;
        this.settings = settings;
        this.coupons = coupons;
        this.decisionLog = decisionLog;
        this.json = json;
        this.clock = clock;
        this.defaultTimeZone = SettingChecks.zoneId("solomo.default-time-zone", defaultTimeZone);
        this.couponValidity = SettingChecks.positive("solomo.coupons.validity", couponValidity);
        this.deliveryOutbox = deliveryOutbox;
        this.treatments = treatments;
        this.entityManager = entityManager;
    }

    @Override
    @Transactional
    public Decision decide(DecisionRequest request) {
        return decideInDetail(request).decision();
    }

    /** Decides like {@link #decide} and also returns the arbitration factors of each chosen offer. */
    @Transactional
    public DetailedDecision decideInDetail(DecisionRequest request) {
        // A decision writes with JDBC only, so the entities it loads are read-only and a flush skips them instead
        // of comparing every field of the profile with its loaded state.
        Session session = entityManager.unwrap(Session.class);
        boolean readOnlyBefore = session.isDefaultReadOnly();
        session.setDefaultReadOnly(true);
        try {
            return decideReadingOnly(request);
        } finally {
            session.setDefaultReadOnly(readOnlyBefore);
        }
    }

    private DetailedDecision decideReadingOnly(DecisionRequest request) {
        Optional<Store> store = storeOf(request);
        // The profile query also reads whether the customer is the store's regular, sparing a round trip.
        DecisionProfile profile = profiles.find(request.customerId(), store.map(Store::storeId).orElse(null))
                .orElseThrow(() -> new UnknownCustomerException(request.customerId()));
        CustomerFacts facts = profile.facts();
        String customerId = facts.getCustomerId();
        Instant at = request.at() != null ? request.at() : clock.instant();
        Channel channel = request.channel() != null ? request.channel() : contactChannel(facts);
        ZonedDateTime localTime = at.atZone(store.map(Store::timeZone).orElse(defaultTimeZone));
        ContactContext context = new ContactContext(channel, request.trigger(),
                store.map(Store::storeId).orElse(null), store.map(Store::chain).orElse(null),
                localTime.getDayOfWeek(), localTime.getHour(), store.map(found -> found.openAt(at)).orElse(null),
                profile.regularAtStore());

        OfferRuleBase ruleBase = rules.current();
        RuleOutcome outcome = ruleBase.evaluate(facts, context);

        String decisionId = UUID.randomUUID().toString();
        List<CandidateReport> reports = new ArrayList<>();
        for (RejectedCandidate rejected : outcome.rejections()) {
            // Rules word their reasons as sentences. They are stored as clauses, like the engine's own reasons.
            reports.add(new CandidateReport(rejected.getOfferId(), CandidateReport.REJECTED, "rules",
                    clauseOrNull(rejected.getReason()), clauseOrNull(rejected.getReasonFr()), null,
                    List.of(rejected.getRuleName())));
        }
        boolean holdout = policy.inHoldout(customerId);
        ContactPolicy.CustomerContacts history = policy.contactsOf(profile, at);
        ContactPolicy.Allowance allowance = history.allowance(channel);
        // Reasons word dates and times in the time zone of the contact's store, else in the customer's.
        ZonedDateTime contactTime = at.atZone(store.map(Store::timeZone).orElse(profile.timeZone()));
        List<Ranked> ranked = rankAllowed(mergeByOffer(outcome.candidates()), history, facts, context, contactTime,
                holdout, allowance, reports);
        int room = Math.min(request.maxOffers(), allowance.remaining());
        List<Ranked> selected = new ArrayList<>();
        List<Ranked> ranksBelow = new ArrayList<>();
        for (Ranked candidate : ranked) {
            if (selected.size() == room) {
                ranksBelow.add(candidate);
            } else if (volumes.take(candidate.offer(), at)) {
                selected.add(candidate);
            } else {
                reports.add(candidate.report(CandidateReport.REJECTED, "contact-policy",
                        volumeSpent(candidate.offer(), at)));
            }
        }
        for (Ranked notChosen : ranksBelow) {
            double priority = round(notChosen.factors().priority());
            // The candidates are ranked highest first, so the last offer selected has the lowest priority chosen.
            double lowestChosen = round(selected.get(selected.size() - 1).factors().priority());
            RejectionReason rankedBelow = selected.size() == 1
                    ? ReasonCode.RANKED_BELOW_ONE.word(priority, lowestChosen)
                    : ReasonCode.RANKED_BELOW_SEVERAL.word(selected.size(), priority, lowestChosen);
            reports.add(notChosen.report(CandidateReport.NOT_CHOSEN, "arbitration", rankedBelow));
        }
        if (selected.isEmpty() && !holdout && room > 0 && facts.hasConsentFor(channel)) {
            fallback(facts, history, context, contactTime, reports).ifPresent(selected::add);
        }

        List<ChosenOffer> chosen = new ArrayList<>();
        List<Coupon> issued = new ArrayList<>();
        List<Contact> contacts = new ArrayList<>();
        Map<String, Factors> factors = new LinkedHashMap<>();
        StoreLinks storeLinks = selected.isEmpty() ? new StoreLinks(null, null) : linksTo(store, request);
        for (Ranked candidate : selected) {
            Coupon coupon = draw(candidate, customerId, decisionId, contactTime);
            issued.add(coupon);
            chosen.add(present(candidate, coupon, facts, store, storeLinks, channel));
            factors.put(candidate.offer().offerId(), candidate.factors());
            reports.add(candidate.report(CandidateReport.CHOSEN, candidate.stage(), null));
            contacts.add(new Contact(decisionId, customerId, candidate.offer().offerId(), channel, at));
        }

        coupons.storeAll(issued);
        // The facts go into the decision's own insert, so that an auditor can later see why each rule fired.
        String factsJson = json.writeValueAsString(DecisionFacts.of(facts, context, localTime));
        decisionLog.write(new DecisionRecord(decisionId, customerId, channel.name(),
                context.getStoreId(), request.trigger().name(), request.eventId(), ruleBase.version(), at,
                clock.instant(), json.writeValueAsString(request), json.writeValueAsString(outcome.firedRules()),
                json.writeValueAsString(chosen), json.writeValueAsString(rejectionsOf(reports)), holdout,
                json.writeValueAsString(reports), factsJson), contacts);
        queueDeliveries(request, decisionId, facts, store, chosen);
        log.info("Decision {} for customer {} on {} at store {}: {} offers, rules {}{}", decisionId,
                customerId, channel, context.getStoreId(), chosen.size(), ruleBase.version(),
                holdout ? ", holdout" : "");
        return new DetailedDecision(new Decision(decisionId, customerId, chosen), factors);
    }

    /**
     * Writes the deliveries of an event-triggered decision to the outbox in the decision's transaction, so that
     * both are stored or neither is. An application's own request ({@code API}) presents its offers itself.
     */
    private void queueDeliveries(DecisionRequest request, String decisionId, CustomerFacts facts,
                                 Optional<Store> store, List<ChosenOffer> chosen) {
        if (request.trigger() == Trigger.API || chosen.isEmpty()) {
            return;
        }
        deliveryOutbox.enqueue(new DeliveryOutbox.Batch(decisionId, facts.getCustomerId(), request.eventId(),
                facts.getLanguage(), store.map(Store::storeId).orElse(null), store.map(Store::name).orElse(null),
                chosen));
    }

    private Optional<Store> storeOf(DecisionRequest request) {
        if (request.storeId() != null) {
            return Optional.of(stores.find(request.storeId())
                    .orElseThrow(() -> new NotFoundException("store", "storeId", request.storeId())));
        }
        if (!request.hasPosition()) {
            return Optional.empty();
        }
        return geofences.storeAt(request.latitude(), request.longitude())
                .flatMap(match -> stores.find(match.storeId()));
    }

    private static Channel contactChannel(CustomerFacts facts) {
        return facts.getPreferredChannels().stream()
                .filter(facts::hasConsentFor)
                .findFirst()
                .or(() -> facts.getPreferredChannels().stream().findFirst())
                .orElse(Channel.IN_APP);
    }

    /** Merges the candidates of several rules for one offer: the highest weight wins, every rule is a reason. */
    private static Map<String, Merged> mergeByOffer(List<OfferCandidate> candidates) {
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (OfferCandidate candidate : candidates) {
            merged.computeIfAbsent(candidate.getOfferId(), id -> new Merged(id, candidate.getStoreId()))
                    .add(candidate);
        }
        return merged;
    }

    /**
     * Holds back candidates the catalogue or the contact policy rule out, reporting each, and ranks the others by
     * priority, highest first.
     */
    private List<Ranked> rankAllowed(Map<String, Merged> candidates, ContactPolicy.CustomerContacts history,
                                     CustomerFacts facts,
                                     ContactContext context, ZonedDateTime contactTime, boolean holdout,
                                     ContactPolicy.Allowance allowance, List<CandidateReport> reports) {
        Map<String, Offer> catalogue = new LinkedHashMap<>();
        for (String offerId : candidates.keySet()) {
            offers.find(offerId).ifPresent(offer -> catalogue.put(offerId,
                    localOrSelf(offer, context, contactTime)));
        }
        Map<String, Double> learnt = propensities.propensities(catalogue.values(), segmentOf(facts));

        List<Ranked> ranked = new ArrayList<>();
        for (Merged candidate : candidates.values()) {
            List<String> ruleNames = List.copyOf(candidate.reasons);
            Offer offer = catalogue.get(candidate.offerId);
            if (offer == null) {
                log.warn("Rules {} proposed offer {}, which is not in the catalogue", ruleNames, candidate.offerId);
                reports.add(rejected(candidate.offerId, "catalogue",
                        ReasonCode.NOT_IN_CATALOGUE.word(candidate.offerId), ruleNames));
                continue;
            }
            RejectionReason unavailable = offer.unavailabilityReason(contactTime, context.getStoreId(),
                    context.getStoreChain());
            if (unavailable == null) {
                unavailable = localOnlyRejection(offer, context.getStoreId());
            }
            if (unavailable != null) {
                reports.add(rejected(offer, "catalogue", unavailable, ruleNames));
                continue;
            }
            if (holdout) {
                reports.add(rejected(offer, "holdout", HOLDOUT, ruleNames));
                continue;
            }
            if (allowance.remaining() == 0) {
                reports.add(rejected(offer, "contact-policy", allowance.reason(), ruleNames));
                continue;
            }
            RejectionReason policyRejection = history.offerRejection(offer);
            if (policyRejection != null) {
                reports.add(rejected(offer, "contact-policy", policyRejection, ruleNames));
                continue;
            }
            Factors factors = Factors.of(learnt.get(offer.offerId()), candidate.weight,
                    offer.businessValue(), offer.businessLever());
            ranked.add(new Ranked(offer, candidate.storeId, ruleNames, factors, "arbitration"));
        }
        ranked.sort(Comparator.comparingDouble((Ranked candidate) -> candidate.factors().priority()).reversed()
                .thenComparing(candidate -> candidate.offer().offerId()));
        return ranked;
    }

    private Optional<Ranked> fallback(CustomerFacts facts, ContactPolicy.CustomerContacts history,
                                      ContactContext context, ZonedDateTime contactTime,
                                      List<CandidateReport> reports) {
        Instant at = contactTime.toInstant();
        if (settings.fallbackOfferId() == null) {
            return Optional.empty();
        }
        Optional<Offer> offer = offers.find(settings.fallbackOfferId())
                .map(found -> localOrSelf(found, context, contactTime));
        if (offer.isEmpty()) {
            log.warn("The fallback offer {} is not in the catalogue", settings.fallbackOfferId());
            return Optional.empty();
        }
        RejectionReason unavailable = offer.get().unavailabilityReason(contactTime, context.getStoreId(),
                context.getStoreChain());
        if (unavailable == null) {
            unavailable = localOnlyRejection(offer.get(), context.getStoreId());
        }
        if (unavailable == null && context.getStoreId() == null && offer.get().namesStore()) {
            // Without a store its message would start with a bare colon, as in ": 10% off your shopping today".
            unavailable = ReasonCode.NEEDS_STORE.word(offer.get().offerId());
        }
        if (unavailable == null) {
            unavailable = history.offerRejection(offer.get());
        }
        if (unavailable == null && !volumes.take(offer.get(), at)) {
            unavailable = volumeSpent(offer.get(), at);
        }
        if (unavailable != null) {
            reports.add(rejected(offer.get(), "fallback", unavailable, List.of()));
            return Optional.empty();
        }
        Factors factors = Factors.of(propensities.propensity(offer.get(), facts.getLoyaltyTier().name()), 1.0,
                offer.get().businessValue(), offer.get().businessLever());
        return Optional.of(new Ranked(offer.get(), context.getStoreId(), List.of(), factors, "fallback"));
    }

    /**
     * Returns the offer of the approved local campaign of this template that runs at the store at this moment. The
     * template itself is returned when no such campaign runs, or when the template cannot be made there and then.
     * The local offer has its own volume limits, cooldown, coupons and learning.
     */
    private Offer localOrSelf(Offer offer, ContactContext context, ZonedDateTime contactTime) {
        // Head office keeps control. A template switched off, out of its dates or narrowed to other stores stops its
        // local campaigns there too, and the template's own reason is reported.
        if (offer.unavailabilityReason(contactTime, context.getStoreId(), context.getStoreChain()) != null) {
            return offer;
        }
        return offers.localOffer(offer.offerId(), context.getStoreId(), contactTime.toInstant()).orElse(offer);
    }

    /** Returns why a local-only template cannot be offered where no local campaign of it runs, or null. */
    private RejectionReason localOnlyRejection(Offer offer, String storeId) {
        if (offer.templateOfferId() != null
                || !offers.template(offer.offerId()).map(LocalTemplate::localOnly).orElse(false)) {
            return null;
        }
        return storeId == null ? ReasonCode.LOCAL_ONLY_AWAY.word(offer.offerId())
                : ReasonCode.LOCAL_ONLY.word(offer.offerId(), storeId);
    }

    /**
     * Draws the coupon of a chosen offer. An end-of-day coupon ends with the day of {@code contactTime}, in the
     * contact store's time zone, else the customer's.
     */
    private Coupon draw(Ranked candidate, String customerId, String decisionId, ZonedDateTime contactTime) {
        Offer offer = candidate.offer();
        Instant expiresAt = offer.couponExpiry(contactTime, couponValidity);
        return coupons.draw(offer.offerId(), customerId, candidate.storeId(), decisionId, contactTime.toInstant(),
                expiresAt);
    }

    private ChosenOffer present(Ranked candidate, Coupon coupon, CustomerFacts facts, Optional<Store> store,
                                StoreLinks storeLinks, Channel channel) {
        Offer offer = candidate.offer();
        String storeId = candidate.storeId();
        Optional<Store> offerStore = store.filter(contactStore -> contactStore.storeId().equals(storeId));
        String routeUrl = offerStore.isPresent() ? storeLinks.routeUrl() : null;
        String geoUri = offerStore.isPresent() ? storeLinks.geoUri() : null;
        String storeName = offerStore.map(Store::name).orElse(null);
        // A local campaign's offer takes its content from its template, as head office words it now.
        String contentOfferId = offer.templateOfferId() == null ? offer.offerId() : offer.templateOfferId();
        Offer content = offers.find(contentOfferId).orElse(offer);
        String message = content.messageIn(facts.getLanguage(), storeName);
        // The in-memory treatments give the words the delivery on this channel sends, without a query.
        OfferTreatments.Treatment wording = treatments.wordingOf(contentOfferId, channel, facts.getLanguage(),
                storeName, message);
        List<String> reasons = new ArrayList<>(candidate.rules().isEmpty() ? List.of("Fallback offer")
                : candidate.rules());
        if (offer.localCampaignId() != null) {
            reasons.add("Local campaign " + offer.localCampaignId() + " of template " + offer.templateOfferId());
        }
        return new ChosenOffer(offer.offerId(), storeId, channel, candidate.factors().priority(), message,
                coupon.code(), coupons.qrCodeUrl(coupon.code()), routeUrl, reasons, geoUri, wording.title(),
                wording.body(), coupon.expiresAt());
    }

    /** Returns why a chosen offer lost its contact to a concurrent decision that took the last one allowed. */
    private RejectionReason volumeSpent(Offer offer, Instant at) {
        RejectionReason reason = policy.volumeRejection(offer, at);
        return reason != null ? reason : ReasonCode.VOLUME_SPENT.word(offer.offerId());
    }

    private static String segmentOf(CustomerFacts facts) {
        return facts.getLoyaltyTier().name();
    }

    private static CandidateReport rejected(String offerId, String stage, RejectionReason reason,
                                            List<String> rules) {
        return new CandidateReport(offerId, CandidateReport.REJECTED, stage, reason.english(), reason.french(), null,
                rules);
    }

    /** Reports a held-back offer, naming its local campaign and template when it is a local campaign's offer. */
    private static CandidateReport rejected(Offer offer, String stage, RejectionReason reason, List<String> rules) {
        return new CandidateReport(offer.offerId(), CandidateReport.REJECTED, stage, reason.english(),
                reason.french(), null, rules, offer.localCampaignId(), offer.templateOfferId());
    }

    private static List<Rejection> rejectionsOf(List<CandidateReport> reports) {
        return reports.stream()
                .filter(report -> !CandidateReport.CHOSEN.equals(report.status()))
                .map(report -> new Rejection(report.offerId(), report.stage(), report.reason(), report.reasonFr()))
                .toList();
    }

    private static String clauseOrNull(String sentence) {
        return sentence == null ? null : DecisionExplanations.asClause(sentence);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** Returns the links to the contact's store, built once for all the offers made there, or none. */
    private static StoreLinks linksTo(Optional<Store> store, DecisionRequest request) {
        if (store.isEmpty()) {
            return new StoreLinks(null, null);
        }
        Store target = store.get();
        return new StoreLinks(
                RouteLinks.directions(request.latitude(), request.longitude(), target.latitude(), target.longitude()),
                RouteLinks.geoUri(target.latitude(), target.longitude(), target.name()));
    }

    /** A decision and the arbitration factors of each chosen offer, by offer id. */
    public record DetailedDecision(Decision decision, Map<String, Factors> factors) {
    }

    /** A held-back candidate as stored in the decision log, with its reason in English and French. */
    record Rejection(String offerId, String stage, String reason, String reasonFr) {
    }

    /** The directions link and the geo URI of the contact's store, both null without a store. */
    private record StoreLinks(String routeUrl, String geoUri) {
    }

    private record Ranked(Offer offer, String storeId, List<String> rules, Factors factors, String stage) {

        /** Returns the report of this candidate, with the reason null for a chosen one. */
        CandidateReport report(String status, String reportStage, RejectionReason reason) {
            return new CandidateReport(offer.offerId(), status, reportStage, reason == null ? null : reason.english(),
                    reason == null ? null : reason.french(), factors, rules, offer.localCampaignId(),
                    offer.templateOfferId());
        }
    }

    private static final class Merged {
        private final String offerId;
        private final String storeId;
        private final Set<String> reasons = new LinkedHashSet<>();
        private double weight;

        Merged(String offerId, String storeId) {
            this.offerId = offerId;
            this.storeId = storeId;
        }

        void add(OfferCandidate candidate) {
            weight = Math.max(weight, candidate.getWeight());
            reasons.add(candidate.getRuleName());
        }
    }
}
