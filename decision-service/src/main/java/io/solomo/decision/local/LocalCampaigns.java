package io.solomo.decision.local;

import io.solomo.decision.offer.LocalTemplate;
import io.solomo.decision.offer.LocalTemplateRepository;
import io.solomo.decision.offer.Offer;
import io.solomo.decision.offer.OfferRepository;
import io.solomo.decision.security.StoreScope;
import io.solomo.decision.store.Store;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.solomo.decision.web.FrenchDetails.date;
import static io.solomo.decision.web.FrenchDetails.dateTime;
import static io.solomo.decision.web.FrenchDetails.quoted;
import static io.solomo.decision.web.RequestFields.requireText;

/**
 * Creates local campaigns from templates and moves them through approval, rejection and withdrawal. Each store of
 * a campaign gets an offer row that copies the template. That offer is switched on only while the campaign is
 * approved, and then the in-memory catalogue maps the template to it for decisions at that store.
 */
@Service
class LocalCampaigns {

    /** Offer ids are at most this long in the database. */
    private static final int OFFER_ID_LENGTH = 100;
    /** Rejection reasons are at most this long in the database. */
    private static final int REASON_LENGTH = 500;
    private static final Set<String> LIVE = Set.of(LocalCampaign.Status.PENDING.name(),
            LocalCampaign.Status.APPROVED.name());

    private static final Logger log = LoggerFactory.getLogger(LocalCampaigns.class);

    private final LocalCampaignRepository campaigns;
    private final LocalTemplateRepository templates;
    private final OfferRepository offers;
    private final StoreCatalog stores;
    private final LocalCampaignResults results;
    private final Clock clock;

    LocalCampaigns(LocalCampaignRepository campaigns, LocalTemplateRepository templates, OfferRepository offers,
                   StoreCatalog stores, LocalCampaignResults results, Clock clock) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.offers = offers;
        this.stores = stores;
        this.results = results;
        this.clock = clock;
    }

    /**
     * Creates a local campaign, PENDING when its template requires approval and APPROVED otherwise.
     *
     * @throws InvalidFieldException    naming the field and value of the first invalid input
     * @throws org.springframework.web.ErrorResponseException a 403 problem for a store outside the caller's scope, or
     *                                  a 409 problem when another live campaign of the template shares a day at a
     *                                  store
     */
    @Transactional
    CampaignView create(CreateBody body, Caller caller) {
        String templateId = requireText("templateOfferId", body.templateOfferId());
        // The lock makes a concurrent creation for the same template wait here, so that its overlap check below
        // finds this campaign once it commits.
        LocalTemplate template = templates.findForUpdate(templateId)
                .orElseThrow(() -> new InvalidFieldException("templateOfferId", templateId, "no local template "
                        + "with id '" + templateId + "'; GET /api/v1/local-templates lists them",
                        "Aucun modèle local n’a l’identifiant " + quoted(templateId)
                                + " ; GET /api/v1/local-templates les liste."));
        if (template.withdrawn()) {
            throw new InvalidFieldException("templateOfferId", templateId, "template " + templateId + " was "
                    + "withdrawn by head office at " + template.withdrawnAt() + ", so no new local campaign can run "
                    + "it; GET /api/v1/local-templates lists the templates", "Le siège a retiré le modèle "
                    + templateId + " le " + dateTime(template.withdrawnAt(), ZoneOffset.UTC) + " : aucune nouvelle "
                    + "campagne locale ne peut le reprendre ; GET /api/v1/local-templates liste les modèles.");
        }
        Offer templateOffer = offers.findForUpdate(templateId)
                .orElseThrow(() -> new InvalidFieldException("templateOfferId", templateId, "no offer with id '"
                        + templateId + "'", "Aucune offre n’a l’identifiant " + quoted(templateId) + "."));
        if (!templateOffer.active()) {
            throw new InvalidFieldException("templateOfferId", templateId, "template " + templateId
                    + " is switched off by head office, so no local campaign can run it", "Le modèle " + templateId
                    + " est désactivé par le siège : aucune campagne locale ne peut l’utiliser.");
        }
        List<Store> campaignStores = requireStores(body.storeIds(), caller);
        LocalDate startDate = requireDate("startDate", body.startDate());
        LocalDate endDate = requireDate("endDate", body.endDate());
        if (endDate.isBefore(startDate)) {
            throw new InvalidFieldException("endDate", body.endDate(), "endDate " + endDate
                    + " is before startDate " + startDate, "La date de fin (endDate), le " + date(endDate)
                    + ", précède la date de début (startDate), le " + date(startDate) + ".");
        }
        long runDays = ChronoUnit.DAYS.between(startDate, endDate) + 1;
        if (runDays > template.maxRunDays()) {
            throw new InvalidFieldException("endDate", body.endDate(), "the campaign would run " + runDays
                    + " days from " + startDate + " to " + endDate + ", and template " + templateId + " allows at most "
                    + template.maxRunDays() + "; end it on " + startDate.plusDays(template.maxRunDays() - 1L)
                    + " at the latest", "La campagne durerait " + runDays + " jours, du " + date(startDate) + " au "
                    + date(endDate) + ", et le modèle " + templateId + " en permet au plus " + template.maxRunDays()
                    + " ; terminez-la au plus tard le " + date(startDate.plusDays(template.maxRunDays() - 1L))
                    + ".");
        }
        Integer maxTotal = optionalVolume("maxTotal", body.maxTotal(), template);
        Integer maxPerDay = optionalVolume("maxPerDay", body.maxPerDay(), template);
        if (maxTotal != null && maxPerDay != null && maxPerDay > maxTotal) {
            throw new InvalidFieldException("maxPerDay", maxPerDay, "maxPerDay " + maxPerDay
                    + " is above maxTotal " + maxTotal, "Le plafond par jour (maxPerDay), " + maxPerDay
                    + ", dépasse le plafond total (maxTotal), " + maxTotal + ".");
        }
        for (int i = 0; i < campaignStores.size(); i++) {
            requireTemplateStore(templateOffer, campaignStores.get(i), "storeIds[" + i + "]");
            checkDates(campaignStores.get(i), startDate, endDate, templateOffer, body);
            requireNoOverlap(templateId, campaignStores.get(i), "storeIds[" + i + "]", startDate, endDate);
        }

        Instant now = clock.instant();
        LocalCampaign campaign = campaigns.saveAndFlush(new LocalCampaign(templateId, startDate, endDate, maxPerDay,
                maxTotal, caller.name(), now));
        long campaignId = campaign.localCampaignId();
        // Without a total of its own, a store's offer stops at the template's coupon cap.
        Integer offerTotal = maxTotal != null ? maxTotal : template.maxCouponsPerStore();
        for (int i = 0; i < campaignStores.size(); i++) {
            Store store = campaignStores.get(i);
            String offerId = localOfferId(templateId, store.storeId(), campaignId, i);
            Offer local = templateOffer.localCopy(offerId, campaignId, store.storeId(),
                    startDate.atStartOfDay(store.timeZone()).toInstant(),
                    endDate.plusDays(1).atStartOfDay(store.timeZone()).toInstant(), offerTotal, maxPerDay);
            offers.save(local);
            campaign.addStore(store.storeId(), offerId);
        }
        if (!template.approvalRequired()) {
            approveNow(campaign, caller.name(), now);
        }
        campaigns.save(campaign);
        log.info("User {} created local campaign {} of template {} for stores {} from {} to {}: {}", caller.name(),
                campaignId, templateId, campaignStores.stream().map(Store::storeId).toList(), startDate, endDate,
                campaign.status());
        return view(campaign, caller);
    }

    /** Approves a PENDING campaign, whose offers are then made at once on this node. */
    @Transactional
    CampaignView approve(long campaignId, Caller caller) {
        LocalCampaign campaign = find(campaignId);
        requireStatus(campaign, "approved", "approuvée", LocalCampaign.Status.PENDING);
        approveNow(campaign, caller.name(), clock.instant());
        log.info("User {} approved local campaign {}", caller.name(), campaignId);
        return view(campaign, caller);
    }

    /** Rejects a PENDING campaign with a reason for the local marketer, which is required. */
    @Transactional
    CampaignView reject(long campaignId, String reason, Caller caller) {
        String checkedReason = requireText("reason", reason, REASON_LENGTH);
        LocalCampaign campaign = find(campaignId);
        requireStatus(campaign, "rejected", "refusée", LocalCampaign.Status.PENDING);
        campaign.reject(caller.name(), clock.instant(), checkedReason);
        log.info("User {} rejected local campaign {}: {}", caller.name(), campaignId, checkedReason);
        return view(campaign, caller);
    }

    /**
     * Withdraws a PENDING or APPROVED campaign and switches its offers off, which stops offering them on this node
     * at once. A local marketer withdraws only the campaigns it created; head office withdraws any.
     */
    @Transactional
    CampaignView withdraw(long campaignId, Caller caller) {
        LocalCampaign campaign = find(campaignId);
        // Scope first, so that a campaign outside the caller's scope does not reveal the user who created it.
        requireVisibleStores(campaign, caller);
        if (caller.scope().isPresent() && !campaign.createdBy().equals(caller.name())) {
            throw Problem.of(HttpStatus.FORBIDDEN, "local-campaign-not-own", "Local campaign of another user",
                            "local campaign " + campaignId + " was created by '" + campaign.createdBy() + "', and user '"
                                    + caller.name() + "' may withdraw only its own; ask head office to withdraw it")
                    .fr("La campagne locale " + campaignId + " a été créée par " + quoted(campaign.createdBy())
                            + ", et l’utilisateur " + quoted(caller.name()) + " ne peut retirer que les siennes ; "
                            + "demandez au siège de la retirer.")
                    .with("localCampaignId", campaignId).exception();
        }
        requireStatus(campaign, "withdrawn", "retirée", LocalCampaign.Status.PENDING, LocalCampaign.Status.APPROVED);
        campaign.withdraw(caller.name(), clock.instant());
        switchOffers(campaign, false);
        log.info("User {} withdrew local campaign {}", caller.name(), campaignId);
        return view(campaign, caller);
    }

    /**
     * Rejects every PENDING campaign of a template that head office withdraws, with a reason in French and English
     * for the local marketers. The caller holds the template's row lock, so no new campaign of it appears meanwhile.
     *
     * @return the ids of the campaigns rejected
     */
    @Transactional
    List<Long> rejectPendingOfWithdrawnTemplate(String templateId, String user, Instant at) {
        String reason = "Le siège a retiré le modèle " + templateId + "\u00A0: aucune nouvelle campagne locale ne "
                + "peut le reprendre. / Head office withdrew template " + templateId + ", so no new local campaign "
                + "can run it.";
        List<Long> rejected = new ArrayList<>();
        List<Long> pendingIds = campaigns.findIdsByTemplateAndStatus(templateId, LocalCampaign.Status.PENDING.name());
        for (long campaignId : pendingIds) {
            // An approval that locked the campaign first commits before this reads it, and the campaign then runs.
            LocalCampaign campaign = find(campaignId);
            if (campaign.status() == LocalCampaign.Status.PENDING) {
                campaign.reject(user, at, reason);
                rejected.add(campaignId);
            }
        }
        if (!rejected.isEmpty()) {
            log.info("User {} withdrew template {}, which rejected its pending local campaigns {}", user, templateId,
                    rejected);
        }
        return rejected;
    }

    /**
     * Returns the ids of the template's approved campaigns that have not ended. End dates are days in the stores'
     * time zones, so this takes every campaign ending yesterday in UTC or later, which may include one that ended
     * in the last hours.
     */
    @Transactional(readOnly = true)
    List<Long> approvedStillRunning(String templateId) {
        LocalDate yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
        return campaigns.findIdsEndingFrom(templateId, LocalCampaign.Status.APPROVED.name(), yesterday);
    }

    /**
     * Returns the campaigns in a state, or in every state when {@code status} is null, most recent first. For a
     * local marketer, it returns the campaigns with a store in its scope, each with only those stores.
     */
    @Transactional(readOnly = true)
    List<CampaignView> list(String status, Caller caller) {
        Set<String> statuses = new HashSet<>();
        if (status == null) {
            EnumSet.allOf(LocalCampaign.Status.class).forEach(each -> statuses.add(each.name()));
        } else {
            statuses.add(requireStatusName(status));
        }
        List<LocalCampaign> found = campaigns.findByStatusInOrderByLocalCampaignIdDesc(statuses).stream()
                .filter(campaign -> !visibleStores(campaign, caller).isEmpty())
                .toList();
        List<String> offerIds = new ArrayList<>();
        found.forEach(campaign -> visibleStores(campaign, caller).forEach(store -> offerIds.add(store.offerId())));
        LocalCampaignResults.Counts counts = results.countsOf(offerIds);
        Map<String, Integer> offerTotals = new HashMap<>();
        offers.findAllById(offerIds).forEach(offer -> offerTotals.put(offer.offerId(), offer.maxTotal()));
        return found.stream().map(campaign -> {
            List<LocalCampaign.StoreOffer> visible = visibleStores(campaign, caller);
            return CampaignView.of(campaign, visible, counts, offerTotals.get(visible.get(0).offerId()));
        }).toList();
    }

    /** Returns one campaign with the counts of the caller's stores. */
    @Transactional(readOnly = true)
    CampaignView get(long campaignId, Caller caller) {
        // A read-only transaction cannot lock rows on PostgreSQL, so this lookup takes no lock.
        LocalCampaign campaign = campaigns.findById(campaignId)
                .orElseThrow(() -> notFound(campaignId));
        return view(campaign, caller);
    }

    private CampaignView view(LocalCampaign campaign, Caller caller) {
        List<LocalCampaign.StoreOffer> visible = requireVisibleStores(campaign, caller);
        Integer offerTotal = offers.findById(visible.get(0).offerId()).map(Offer::maxTotal).orElse(null);
        return CampaignView.of(campaign, visible,
                results.countsOf(visible.stream().map(LocalCampaign.StoreOffer::offerId).toList()), offerTotal);
    }

    /** Returns the campaign's stores within the caller's scope, or raises a 403 problem when there is none. */
    private List<LocalCampaign.StoreOffer> requireVisibleStores(LocalCampaign campaign, Caller caller) {
        List<LocalCampaign.StoreOffer> visible = visibleStores(campaign, caller);
        if (visible.isEmpty()) {
            String storeId = campaign.stores().get(0).storeId();
            throw outsideScope(caller, storeId, "localCampaignId", campaign.localCampaignId());
        }
        return visible;
    }

    private List<LocalCampaign.StoreOffer> visibleStores(LocalCampaign campaign, Caller caller) {
        if (caller.scope().isEmpty()) {
            return campaign.stores();
        }
        StoreScope scope = caller.scope().get();
        return campaign.stores().stream()
                .filter(store -> scope.covers(store.storeId(), stores.find(store.storeId()).map(Store::chain)
                        .orElse(null)))
                .toList();
    }

    private void approveNow(LocalCampaign campaign, String user, Instant at) {
        campaign.approve(user, at);
        switchOffers(campaign, true);
    }

    /**
     * Switches the campaign's offers on or off. Hibernate writes every column of a changed offer, so each is read
     * under its row lock: a concurrent change of the template's coupon validity then waits for this transaction
     * instead of being overwritten with the value read before it.
     */
    private void switchOffers(LocalCampaign campaign, boolean on) {
        for (LocalCampaign.StoreOffer store : campaign.stores()) {
            offers.findForUpdate(store.offerId()).ifPresent(offer -> offer.switchActive(on));
        }
    }

    /** Returns the campaign, locked until the transaction ends, so that two changes of its state never interleave. */
    private LocalCampaign find(long campaignId) {
        return campaigns.findForUpdate(campaignId).orElseThrow(() -> notFound(campaignId));
    }

    private static NotFoundException notFound(long campaignId) {
        return new NotFoundException("local campaign", "localCampaignId", Long.toString(campaignId),
                "Aucune campagne locale n’a le numéro " + campaignId + ".");
    }

    /**
     * Raises a 409 problem unless the campaign is in one of the allowed states. {@code action} is a participle, and
     * {@code actionFr} the same participle in French, in the feminine as "campagne" takes it.
     */
    private static void requireStatus(LocalCampaign campaign, String action, String actionFr,
                                      LocalCampaign.Status... allowed) {
        if (EnumSet.of(allowed[0], allowed).contains(campaign.status())) {
            return;
        }
        throw Problem.of(HttpStatus.CONFLICT, "local-campaign-state", "Local campaign state conflict",
                        "local campaign " + campaign.localCampaignId() + " is " + campaign.status() + ", so it cannot "
                                + "be " + action + "; only a " + Arrays.stream(allowed).map(Enum::name)
                                .collect(Collectors.joining(" or ")) + " campaign can")
                .fr("La campagne locale " + campaign.localCampaignId() + " est à l’état " + campaign.status()
                        + " : elle ne peut pas être " + actionFr
                        + " ; seule une campagne à l’état " + Arrays.stream(allowed).map(Enum::name)
                        .collect(Collectors.joining(" ou ")) + " peut l’être.")
                .with("localCampaignId", campaign.localCampaignId())
                .with("status", campaign.status().name())
                .exception();
    }

    private List<Store> requireStores(List<String> storeIds, Caller caller) {
        if (storeIds == null || storeIds.isEmpty()) {
            throw new InvalidFieldException("storeIds", storeIds, "storeIds is missing; list the ids of one or more "
                    + "stores", "storeIds est absent ; indiquez l’identifiant d’un magasin ou plus.");
        }
        List<Store> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < storeIds.size(); i++) {
            String field = "storeIds[" + i + "]";
            String storeId = requireText(field, storeIds.get(i));
            if (!seen.add(storeId)) {
                throw new InvalidFieldException(field, storeId, "store " + storeId + " is listed twice",
                        "Le magasin " + storeId + " figure deux fois dans la liste.");
            }
            Store store = stores.find(storeId).orElseThrow(() -> new InvalidFieldException(field, storeId,
                    "no store with id '" + storeId + "'", "Aucun magasin n’a l’identifiant " + quoted(storeId) + "."));
            Optional<StoreScope> scope = caller.scope();
            if (scope.isPresent() && !scope.get().covers(store.storeId(), store.chain())) {
                throw outsideScope(caller, storeId, field, storeId);
            }
            found.add(store);
        }
        return found;
    }

    private static RuntimeException outsideScope(Caller caller, String storeId, String field, Object value) {
        StoreScope scope = caller.scope().orElseThrow();
        return Problem.of(HttpStatus.FORBIDDEN, "store-outside-scope", "Store outside scope", "user '"
                        + caller.name() + "' may not act for store " + storeId + "; its scope is the stores "
                        + scope.storeIds().stream().sorted().toList() + " and the chains "
                        + scope.chains().stream().sorted().toList())
                .fr("L’utilisateur " + quoted(caller.name()) + " ne peut pas agir pour le magasin " + storeId
                        + " ; son périmètre comprend les magasins " + scope.storeIds().stream().sorted().toList()
                        + " et les enseignes " + scope.chains().stream().sorted().toList() + ".")
                .field(field, value)
                .with("storeId", storeId)
                .exception();
    }

    /**
     * Rejects a store that the template's own store or chain excludes. A local offer names only its store, so
     * without this check a campaign would offer the template where head office never allowed it.
     */
    private static void requireTemplateStore(Offer template, Store store, String field) {
        if (template.storeId() != null && !template.storeId().equals(store.storeId())) {
            throw new InvalidFieldException(field, store.storeId(), "template " + template.offerId()
                    + " is offered only at store " + template.storeId() + ", so it cannot run at store "
                    + store.storeId(), "Le modèle " + template.offerId() + " n’est proposé qu’au magasin "
                    + template.storeId() + " : il ne peut pas être utilisé au magasin " + store.storeId() + ".");
        }
        if (template.chain() != null && !template.chain().equals(store.chain())) {
            throw new InvalidFieldException(field, store.storeId(), "template " + template.offerId()
                    + " is offered only at stores of chain '" + template.chain() + "', and store "
                    + store.storeId() + " belongs to " + (store.chain() == null ? "no chain"
                    : "chain '" + store.chain() + "'"), "Le modèle " + template.offerId()
                    + " n’est proposé qu’aux magasins de l’enseigne " + quoted(template.chain()) + ", et le magasin "
                    + store.storeId() + (store.chain() == null ? " n’appartient à aucune enseigne"
                    : " appartient à l’enseigne " + quoted(store.chain())) + ".");
        }
    }

    /** Rejects dates that start in the past or leave the template's validity, in the store's time zone. */
    private void checkDates(Store store, LocalDate startDate, LocalDate endDate, Offer template, CreateBody body) {
        LocalDate today = LocalDate.now(clock.withZone(store.timeZone()));
        if (startDate.isBefore(today)) {
            throw new InvalidFieldException("startDate", body.startDate(), "startDate " + startDate
                    + " is in the past at store " + store.storeId() + ", where it is " + today
                    + "; start today or later", "La date de début (startDate), le " + date(startDate)
                    + ", est passée au magasin " + store.storeId() + ", où nous sommes le " + date(today)
                    + " ; commencez aujourd’hui ou plus tard.");
        }
        Instant from = startDate.atStartOfDay(store.timeZone()).toInstant();
        Instant to = endDate.plusDays(1).atStartOfDay(store.timeZone()).toInstant();
        if (from.isBefore(template.validFrom())) {
            throw new InvalidFieldException("startDate", body.startDate(), "startDate " + startDate
                    + " is before template " + template.offerId() + " is valid at store " + store.storeId()
                    + ": it is valid from " + template.validFrom() + " to " + template.validTo(),
                    "La date de début (startDate), le " + date(startDate) + ", précède la validité du modèle "
                    + template.offerId() + " au magasin " + store.storeId() + validityFr(template, store) + ".");
        }
        if (to.isAfter(template.validTo())) {
            throw new InvalidFieldException("endDate", body.endDate(), "endDate " + endDate + " is after template "
                    + template.offerId() + " is valid at store " + store.storeId() + ": it is valid from "
                    + template.validFrom() + " to " + template.validTo(),
                    "La date de fin (endDate), le " + date(endDate) + ", dépasse la validité du modèle "
                    + template.offerId() + " au magasin " + store.storeId() + validityFr(template, store) + ".");
        }
    }

    /** Returns the validity of the template in the store's time zone, as " : il est valable du … au …". */
    private static String validityFr(Offer template, Store store) {
        return " : il est valable du " + dateTime(template.validFrom(), store.timeZone()) + " au "
                + dateTime(template.validTo(), store.timeZone());
    }

    private void requireNoOverlap(String templateId, Store store, String field, LocalDate startDate,
                                  LocalDate endDate) {
        List<LocalCampaign> overlapping = campaigns.findOverlapping(templateId, store.storeId(), LIVE, startDate,
                endDate);
        if (!overlapping.isEmpty()) {
            LocalCampaign other = overlapping.get(0);
            throw Problem.of(HttpStatus.CONFLICT, "local-campaign-overlap", "Local campaigns overlap",
                            "local campaign " + other.localCampaignId() + " of template " + templateId
                                    + " already runs at store " + store.storeId() + " from " + other.startDate()
                                    + " to " + other.endDate() + " (" + other.status() + "); choose other dates or "
                                    + "withdraw it first")
                    .fr("La campagne locale " + other.localCampaignId() + " du modèle " + templateId
                            + " est déjà prévue au magasin " + store.storeId() + " du " + date(other.startDate())
                            + " au " + date(other.endDate()) + " (" + other.status() + ") ; choisissez d’autres "
                            + "dates ou retirez-la d’abord.")
                    .field(field, store.storeId())
                    .with("localCampaignId", other.localCampaignId())
                    .exception();
        }
    }

    /**
     * Returns a readable offer id for the store's offer, such as {@code STORE-WELCOME-10@demo-bastille-3}. When that
     * id would be too long or would need escaping in a URL path, such as in {@code why-not/{offerId}}, it returns
     * {@code LOCAL@3-1} instead: the campaign and the store's position in it. Every local id has an {@code @}, which
     * the offer API refuses in the ids it creates, so a local id never takes over a head-office offer.
     */
    private static String localOfferId(String templateId, String storeId, long campaignId, int storeIndex) {
        String readable = templateId + "@" + storeId + "-" + campaignId;
        boolean pathSafe = readable.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
                || "-._~@".indexOf(c) >= 0));
        return pathSafe && readable.length() <= OFFER_ID_LENGTH ? readable
                : "LOCAL@" + campaignId + "-" + (storeIndex + 1);
    }

    private static Integer optionalVolume(String field, Integer value, LocalTemplate template) {
        if (value == null) {
            return null;
        }
        if (value < 1 || value > template.maxCouponsPerStore()) {
            throw new InvalidFieldException(field, value, field + " must be within 1.."
                    + template.maxCouponsPerStore() + ", the coupon cap per store of template "
                    + template.offerId() + "; got " + value, field + " doit être compris entre 1 et "
                    + template.maxCouponsPerStore() + ", le plafond de coupons par magasin du modèle "
                    + template.offerId() + " ; reçu " + value + ".");
        }
        return value;
    }

    private static LocalDate requireDate(String field, String value) {
        String text = requireText(field, value);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException invalid) {
            throw new InvalidFieldException(field, value, field + " must be an ISO-8601 date such as 2026-12-04, "
                    + "got '" + value + "'", field + " doit être une date ISO 8601 telle que 2026-12-04, reçu "
                    + quoted(value) + ".");
        }
    }

    private static String requireStatusName(String status) {
        try {
            return LocalCampaign.Status.valueOf(status.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException("status", status, "unknown status '" + status + "'; expected one of "
                    + List.of(LocalCampaign.Status.values()), "L’état " + quoted(status) + " est inconnu ; les "
                    + "états possibles sont " + List.of(LocalCampaign.Status.values()) + ".");
        }
    }

    /** The user acting, with its store scope when it is a local marketer, or empty for head office. */
    record Caller(String name, Optional<StoreScope> scope) {
    }

    /**
     * A local marketer's request for a local campaign.
     *
     * @param startDate the first day, as an ISO-8601 date, in each store's time zone
     * @param endDate   the last day, included
     * @param maxPerDay the maximum number of coupons a day at each store, or null for none
     * @param maxTotal  the maximum number of coupons at each store over the campaign, or null for the template's cap
     */
    record CreateBody(String templateOfferId, List<String> storeIds, String startDate, String endDate,
                      Integer maxPerDay, Integer maxTotal) {
    }

    /**
     * A local campaign with, for each store shown, its offer and its counts: contacts made (one per offer chosen in
     * a decision), deliveries queued or sent, and coupons redeemed.
     *
     * @param maxTotal        the maximum number of coupons per store that the local marketer set, or null
     * @param appliedMaxTotal the maximum number of coupons per store that applies: {@code maxTotal}, or else the
     *                        template's {@code maxCouponsPerStore} when the campaign was created
     */
    record CampaignView(long localCampaignId, String templateOfferId, String status, LocalDate startDate,
                        LocalDate endDate, Integer maxPerDay, Integer maxTotal, Integer appliedMaxTotal,
                        String createdBy, Instant createdAt, String decidedBy, Instant decidedAt,
                        String rejectionReason, String withdrawnBy, Instant withdrawnAt, List<StoreView> stores) {

        /**
         * @param offerTotal the {@code maxTotal} of the offer of the first store shown, which every store's offer of
         *                   the campaign shares
         */
        static CampaignView of(LocalCampaign campaign, List<LocalCampaign.StoreOffer> stores,
                               LocalCampaignResults.Counts counts, Integer offerTotal) {
            Integer applied = campaign.maxTotal() != null ? campaign.maxTotal() : offerTotal;
            return new CampaignView(campaign.localCampaignId(), campaign.templateOfferId(), campaign.status().name(),
                    campaign.startDate(), campaign.endDate(), campaign.maxPerDay(), campaign.maxTotal(), applied,
                    campaign.createdBy(), campaign.createdAt(), campaign.decidedBy(), campaign.decidedAt(),
                    campaign.rejectionReason(), campaign.withdrawnBy(), campaign.withdrawnAt(),
                    stores.stream().map(store -> new StoreView(store.storeId(), store.offerId(),
                            counts.contacts(store.offerId()), counts.deliveries(store.offerId()),
                            counts.redemptions(store.offerId()))).toList());
        }
    }

    record StoreView(String storeId, String offerId, long contacts, long deliveries, long redemptions) {
    }
}
