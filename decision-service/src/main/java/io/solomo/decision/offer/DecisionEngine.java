package io.solomo.decision.offer;

import io.solomo.decision.coupon.Coupon;
import io.solomo.decision.coupon.CouponIssuer;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerFactsAssembler;
import io.solomo.decision.profile.CustomerRepository;
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
import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.OfferCandidate;
import io.solomo.model.offer.RejectedCandidate;
import io.solomo.rules.OfferRuleBase;
import io.solomo.rules.RuleOutcome;
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
 * catalogue, ranks them, issues a coupon per chosen offer and stores the decision, all in one transaction.
 *
 * <p>The contact channel is the requested one, else the customer's first preferred channel with a granted consent,
 * else the first preferred channel, so that the consent rule rejects every candidate and records the reason.
 */
@Service
public class DecisionEngine implements OfferDecisions {

    private static final Logger log = LoggerFactory.getLogger(DecisionEngine.class);

    private final CustomerRepository customers;
    private final CustomerFactsAssembler factsAssembler;
    private final StoreCatalog stores;
    private final GeofenceLocator geofences;
    private final OfferRepository offers;
    private final ActiveOfferRules rules;
    private final CouponIssuer coupons;
    private final DecisionRecordRepository decisionLog;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId defaultTimeZone;
    private final Duration couponValidity;

    DecisionEngine(CustomerRepository customers, CustomerFactsAssembler factsAssembler, StoreCatalog stores,
                   GeofenceLocator geofences, OfferRepository offers, ActiveOfferRules rules, CouponIssuer coupons,
                   DecisionRecordRepository decisionLog, ObjectMapper json, Clock clock,
                   @Value("${solomo.default-time-zone}") String defaultTimeZone,
                   @Value("${solomo.coupons.validity}") Duration couponValidity) {
        this.customers = customers;
        this.factsAssembler = factsAssembler;
        this.stores = stores;
        this.geofences = geofences;
        this.offers = offers;
        this.rules = rules;
        this.coupons = coupons;
        this.decisionLog = decisionLog;
        this.json = json;
        this.clock = clock;
        this.defaultTimeZone = ZoneId.of(defaultTimeZone);
        this.couponValidity = couponValidity;
    }

    @Override
    @Transactional
    public Decision decide(DecisionRequest request) {
        Customer customer = customers.findById(request.customerId())
                .orElseThrow(() -> new UnknownCustomerException(request.customerId()));
        CustomerFacts facts = factsAssembler.factsOf(customer);
        Optional<Store> store = storeOf(request);
        Instant at = request.at() != null ? request.at() : clock.instant();
        Channel channel = request.channel() != null ? request.channel() : contactChannel(facts);
        ZonedDateTime localTime = at.atZone(store.map(Store::timeZone).orElse(defaultTimeZone));
        ContactContext context = new ContactContext(channel, request.trigger(),
                store.map(Store::storeId).orElse(null), store.map(Store::chain).orElse(null),
                localTime.getDayOfWeek(), localTime.getHour(), store.map(found -> found.openAt(at)).orElse(null));

        OfferRuleBase ruleBase = rules.current();
        RuleOutcome outcome = ruleBase.evaluate(facts, context);

        String decisionId = UUID.randomUUID().toString();
        List<Rejection> rejections = new ArrayList<>();
        for (RejectedCandidate rejected : outcome.rejections()) {
            rejections.add(new Rejection(rejected.getOfferId(), rejected.getRuleName(), rejected.getReason()));
        }
        List<Ranked> ranked = rankAvailable(mergeByOffer(outcome.candidates()), at, context, rejections);
        List<ChosenOffer> chosen = new ArrayList<>();
        for (Ranked candidate : ranked.subList(0, Math.min(request.maxOffers(), ranked.size()))) {
            chosen.add(present(candidate, customer, facts, store, request, channel, decisionId, at));
        }

        decisionLog.save(new DecisionRecord(decisionId, customer.customerId(), channel.name(),
                context.getStoreId(), request.trigger().name(), request.eventId(), ruleBase.version(), at,
                clock.instant(), json.writeValueAsString(request), json.writeValueAsString(outcome.firedRules()),
                json.writeValueAsString(chosen), json.writeValueAsString(rejections)));
        log.info("Decision {} for customer {} on {} at store {}: {} offers, rules {}", decisionId,
                customer.customerId(), channel, context.getStoreId(), chosen.size(), ruleBase.version());
        return new Decision(decisionId, customer.customerId(), chosen);
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

    private List<Ranked> rankAvailable(Map<String, Merged> candidates, Instant at, ContactContext context,
                                       List<Rejection> rejections) {
        Map<String, Offer> catalogue = new LinkedHashMap<>();
        offers.findAllById(candidates.keySet()).forEach(offer -> catalogue.put(offer.offerId(), offer));

        List<Ranked> ranked = new ArrayList<>();
        for (Merged candidate : candidates.values()) {
            Offer offer = catalogue.get(candidate.offerId);
            if (offer == null) {
                log.warn("Rule {} proposed offer {}, which is not in the catalogue", candidate.reasons,
                        candidate.offerId);
                rejections.add(new Rejection(candidate.offerId, "catalogue",
                        "offer " + candidate.offerId + " is not in the catalogue"));
                continue;
            }
            String unavailable = offer.unavailabilityReason(at, context.getStoreId(), context.getStoreChain());
            if (unavailable != null) {
                rejections.add(new Rejection(candidate.offerId, "catalogue", unavailable));
                continue;
            }
            ranked.add(new Ranked(offer, candidate, candidate.weight * offer.businessValue()));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparing(candidate -> candidate.offer().offerId()));
        return ranked;
    }

    private ChosenOffer present(Ranked candidate, Customer customer, CustomerFacts facts, Optional<Store> store,
                                DecisionRequest request, Channel channel, String decisionId, Instant at) {
        Offer offer = candidate.offer();
        String storeId = candidate.merged().storeId;
        Optional<Store> offerStore = store.filter(contactStore -> contactStore.storeId().equals(storeId));
        Instant expiresAt = at.plus(couponValidity).isBefore(offer.validTo()) ? at.plus(couponValidity)
                : offer.validTo();
        Coupon coupon = coupons.issue(offer.offerId(), customer.customerId(), storeId, decisionId, at, expiresAt);
        String routeUrl = offerStore
                .map(target -> RouteLinks.directions(request.latitude(), request.longitude(), target.latitude(),
                        target.longitude()))
                .orElse(null);
        String message = offer.messageIn(facts.getLanguage(), offerStore.map(Store::name).orElse(null));
        return new ChosenOffer(offer.offerId(), storeId, channel, candidate.score(), message, coupon.code(),
                coupons.qrCodeUrl(coupon.code()), routeUrl, List.copyOf(candidate.merged().reasons));
    }

    /** A held-back candidate as stored in the decision log. */
    record Rejection(String offerId, String stage, String reason) {
    }

    private record Ranked(Offer offer, Merged merged, double score) {
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
