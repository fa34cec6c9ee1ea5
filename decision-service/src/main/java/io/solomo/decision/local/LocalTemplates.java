package io.solomo.decision.local;

import io.solomo.decision.offer.LocalTemplate;
import io.solomo.decision.offer.LocalTemplateRepository;
import io.solomo.decision.offer.Offer;
import io.solomo.decision.offer.OfferRepository;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static io.solomo.decision.web.FrenchDetails.quoted;

/** Head office's local templates: catalogue offers that stores and agencies may run as local campaigns. */
@Service
class LocalTemplates {

    /** The maximum length of a local campaign that a template may allow, one year including a leap day. */
    static final int MAX_RUN_DAYS_LIMIT = 366;
    static final int MAX_COUPONS_LIMIT = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(LocalTemplates.class);

    private final OfferRepository offers;
    private final LocalTemplateRepository templates;
    private final LocalCampaigns campaigns;
    private final Clock clock;

    LocalTemplates(OfferRepository offers, LocalTemplateRepository templates, LocalCampaigns campaigns,
                   Clock clock) {
        this.offers = offers;
        this.templates = templates;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /**
     * Marks the offer as a local template, or changes its settings. Campaigns created before keep their dates and
     * volumes, but a change of {@code localOnly} applies to decisions at once.
     */
    @Transactional
    TemplateView mark(String offerId, TemplateBody body, String user) {
        Offer offer = offers.findById(offerId).orElseThrow(() -> new NotFoundException("offer", "offerId", offerId,
                "Aucune offre n’a l’identifiant " + quoted(offerId) + "."));
        if (offer.templateOfferId() != null) {
            throw new InvalidFieldException("offerId", offerId, "offer " + offerId + " is the offer of local campaign "
                    + offer.localCampaignId() + " at store " + offer.storeId() + "; mark its template "
                    + offer.templateOfferId() + " instead", "L’offre " + offerId + " est celle de la campagne locale "
                    + offer.localCampaignId() + " au magasin " + offer.storeId() + " ; marquez plutôt son modèle "
                    + offer.templateOfferId() + ".");
        }
        int maxRunDays = requireWithin("maxRunDays", body.maxRunDays(), MAX_RUN_DAYS_LIMIT);
        int maxCoupons = requireWithin("maxCouponsPerStore", body.maxCouponsPerStore(), MAX_COUPONS_LIMIT);
        boolean approvalRequired = body.approvalRequired() == null || body.approvalRequired();
        boolean localOnly = body.localOnly() != null && body.localOnly();
        Instant now = clock.instant();
        LocalTemplate template = templates.findById(offerId).orElseGet(() -> new LocalTemplate(offerId));
        if (template.withdrawn()) {
            log.info("User {} marks offer {} as a local template again, withdrawn by {} at {}", user, offerId,
                    template.withdrawnBy(), template.withdrawnAt());
        }
        template.update(approvalRequired, maxRunDays, maxCoupons, localOnly, user, now);
        templates.save(template);
        log.info("User {} marked offer {} as a local template: approval required {}, at most {} days and {} coupons "
                + "per store, local only {}", user, offerId, approvalRequired, maxRunDays, maxCoupons, localOnly);
        return TemplateView.of(template, offer);
    }

    /**
     * Takes the template back. New local campaigns of it are rejected with a 400 problem, and its PENDING campaigns
     * are rejected with a reason that names the withdrawal. Its APPROVED campaigns run on to their end date, because
     * their stores may already have announced them. Head office withdraws one of them with its own withdrawal, or
     * switches the template off to stop them all. The template's {@code localOnly} still applies, so withdrawing it
     * never makes the offer reach stores it did not reach before.
     *
     * @throws NotFoundException when the offer is not a template, or was already withdrawn
     */
    @Transactional
    WithdrawnView withdraw(String offerId, String user) {
        // The same lock as a campaign's creation, so that a creation racing this withdrawal either commits first,
        // and its campaign is rejected below when pending, or waits and then finds the template withdrawn.
        LocalTemplate template = templates.findForUpdate(offerId).filter(found -> !found.withdrawn())
                .orElseThrow(() -> new NotFoundException("local template", "offerId", offerId,
                        "Aucun modèle local n’a l’identifiant " + quoted(offerId) + "."));
        Instant now = clock.instant();
        template.withdraw(user, now);
        templates.save(template);
        List<Long> rejected = campaigns.rejectPendingOfWithdrawnTemplate(offerId, user, now);
        List<Long> running = campaigns.approvedStillRunning(offerId);
        log.info("User {} withdrew local template {}: rejected pending campaigns {}, approved campaigns {} run to "
                + "their end date", user, offerId, rejected, running);
        return new WithdrawnView(offerId, template.localOnly(), user, now, rejected, running);
    }

    /** Returns the template, or raises a 404 problem when the offer is not one or head office withdrew it. */
    @Transactional(readOnly = true)
    TemplateView find(String offerId) {
        Offer offer = offers.findById(offerId).orElseThrow(() -> new NotFoundException("offer", "offerId", offerId,
                "Aucune offre n’a l’identifiant " + quoted(offerId) + "."));
        LocalTemplate template = templates.findById(offerId).filter(found -> !found.withdrawn())
                .orElseThrow(() -> new NotFoundException("local template", "offerId", offerId,
                        "Aucun modèle local n’a l’identifiant " + quoted(offerId) + "."));
        return TemplateView.of(template, offer);
    }

    /** Returns every template that is not withdrawn and whose offer is switched on, by offer id. */
    @Transactional(readOnly = true)
    List<TemplateView> list() {
        return templates.findAll().stream()
                .filter(template -> !template.withdrawn())
                .sorted(Comparator.comparing(LocalTemplate::offerId))
                .flatMap(template -> offers.findById(template.offerId()).filter(Offer::active).stream()
                        .map(offer -> TemplateView.of(template, offer)))
                .toList();
    }

    private static int requireWithin(String field, Integer value, int max) {
        if (value == null) {
            throw new InvalidFieldException(field, null, field + " is missing; expected a whole number within 1.."
                    + max, field + " est absent ; il faut un nombre entier compris entre 1 et " + max + ".");
        }
        if (value < 1 || value > max) {
            throw new InvalidFieldException(field, value, field + " must be within 1.." + max + ", got " + value,
                    field + " doit être compris entre 1 et " + max + ", reçu " + value + ".");
        }
        return value;
    }

    /**
     * The settings head office sends. {@code approvalRequired} defaults to true and {@code localOnly} to false.
     *
     * @param maxRunDays         the maximum length of a local campaign in days, both end days included
     * @param maxCouponsPerStore the maximum number of coupons of one local campaign at one store
     */
    record TemplateBody(Boolean approvalRequired, Integer maxRunDays, Integer maxCouponsPerStore, Boolean localOnly) {
    }

    /**
     * A template as local marketers see it: its settings, its validity and its content in French and English, with
     * {@code {store}} where each store's name goes.
     */
    record TemplateView(String offerId, boolean approvalRequired, int maxRunDays, int maxCouponsPerStore,
                        boolean localOnly, Instant validFrom, Instant validTo, boolean active, String messageFr,
                        String messageEn, String updatedBy, Instant updatedAt) {

        static TemplateView of(LocalTemplate template, Offer offer) {
            return new TemplateView(template.offerId(), template.approvalRequired(), template.maxRunDays(),
                    template.maxCouponsPerStore(), template.localOnly(), offer.validFrom(), offer.validTo(),
                    offer.active(), offer.messageIn(Language.FR, "{store}"), offer.messageIn(Language.EN, "{store}"),
                    template.updatedBy(), template.updatedAt());
        }
    }

    /**
     * The outcome of a template's withdrawal.
     *
     * @param localOnly           whether the rules' proposals of the offer are still made only through its local
     *                            campaigns
     * @param rejectedCampaignIds the PENDING campaigns that the withdrawal rejected
     * @param runningCampaignIds  the APPROVED campaigns that run on to their end date
     */
    record WithdrawnView(String offerId, boolean localOnly, String withdrawnBy, Instant withdrawnAt,
                         List<Long> rejectedCampaignIds, List<Long> runningCampaignIds) {
    }
}
