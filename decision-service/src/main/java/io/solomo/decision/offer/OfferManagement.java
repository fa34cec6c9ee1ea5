package io.solomo.decision.offer;

import io.solomo.decision.delivery.OfferTreatments;
import io.solomo.decision.delivery.OfferTreatments.StoredTreatment;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.Problem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.exception.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static io.solomo.decision.web.FrenchDetails.quoted;

/**
 * Creates and edits campaigns and offers for marketers. Every change to an offer raises its {@code version} with a
 * conditional update, so that an edit based on an older version is rejected instead of overwriting a change it
 * never saw. Decisions on this node see a committed change at once, and other nodes within
 * {@code solomo.offers.refresh-interval}.
 *
 * <p>An edit leaves the offer's volume counters and learnt propensities alone: a new limit applies to the contacts
 * counted so far, and a new prior propensity blends with the outcomes learnt so far.
 */
@Service
class OfferManagement {

    private static final Logger log = LoggerFactory.getLogger(OfferManagement.class);

    private final OfferRepository offers;
    private final CampaignRepository campaigns;
    private final OfferTreatments treatments;
    private final JdbcTemplate jdbc;

    @PersistenceContext
    private EntityManager entityManager;

    OfferManagement(OfferRepository offers, CampaignRepository campaigns, OfferTreatments treatments,
                    JdbcTemplate jdbc) {
        this.offers = offers;
        this.campaigns = campaigns;
        this.treatments = treatments;
        this.jdbc = jdbc;
    }

    /** Creates a campaign, or raises a 409 problem when its id is taken. */
    @Transactional
    CampaignDetails createCampaign(String campaignId, String nameFr, String nameEn) {
        try {
            jdbc.update("insert into campaign (campaign_id, name_fr, name_en) values (?, ?, ?)", campaignId, nameFr,
                    nameEn);
        } catch (DuplicateKeyException taken) {
            throw Problem.of(HttpStatus.CONFLICT, "campaign-exists", "Campaign exists", "a campaign with id '"
                    + campaignId + "' exists already; choose another id or rename it with PUT "
                    + "/api/v1/campaigns/" + campaignId)
                    .fr("Une campagne a déjà l’identifiant " + quoted(campaignId) + " ; choisissez un autre "
                            + "identifiant ou renommez-la avec PUT /api/v1/campaigns/" + campaignId + ".")
                    .field("campaignId", campaignId).exception();
        }
        log.info("Created campaign {}", campaignId);
        return new CampaignDetails(campaignId, nameFr, nameEn, List.of());
    }

    @Transactional(readOnly = true)
    CampaignDetails campaign(String campaignId) {
        List<CampaignDetails> found = jdbc.query("select name_fr, name_en from campaign where campaign_id = ?",
                (row, rowNumber) -> new CampaignDetails(campaignId, row.getString("name_fr"),
                        row.getString("name_en"), offerIdsOf(campaignId)), campaignId);
        if (found.isEmpty()) {
            throw new NotFoundException("campaign", "campaignId", campaignId,
                    "Aucune campagne n’a l’identifiant " + quoted(campaignId) + ".");
        }
        return found.get(0);
    }

    /** Renames a campaign; the last rename wins, because campaigns have no version. */
    @Transactional
    CampaignDetails renameCampaign(String campaignId, String nameFr, String nameEn) {
        int renamed = jdbc.update("update campaign set name_fr = ?, name_en = ? where campaign_id = ?", nameFr,
                nameEn, campaignId);
        if (renamed == 0) {
            throw new NotFoundException("campaign", "campaignId", campaignId,
                    "Aucune campagne n’a l’identifiant " + quoted(campaignId) + ".");
        }
        log.info("Renamed campaign {}", campaignId);
        return new CampaignDetails(campaignId, nameFr, nameEn, offerIdsOf(campaignId));
    }

    /** Creates an offer with its treatments, or raises a 409 problem when its id is taken. */
    @Transactional
    OfferDetails createOffer(OfferFields fields) {
        if (offers.existsById(fields.offerId())) {
            throw offerExists(fields.offerId());
        }
        Offer offer = new Offer(fields.offerId(), existingCampaign(fields.campaignId()), fields.messageFr(),
                fields.messageEn(), fields.businessValue(), fields.validFrom(), fields.validTo(), fields.storeId(),
                fields.chain())
                .withArbitration(fields.priorPropensity(), fields.businessLever())
                .withLimits(fields.maxTotal(), fields.maxPerDay(), fields.cooldownMinutes())
                .withCouponValidity(fields.couponValidity());
        offer.switchActive(fields.active() == null || fields.active());
        try {
            entityManager.persist(offer);
            entityManager.flush();
        } catch (ConstraintViolationException violated) {
            // Only a key taken since the check above means that the offer exists; any other violation is a bug.
            if (violated.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                throw offerExists(fields.offerId());
            }
            throw violated;
        }
        treatments.replace(fields.offerId(), fields.treatments() == null ? List.of() : fields.treatments());
        log.info("Created offer {} in campaign {}", fields.offerId(), fields.campaignId());
        return offerDetails(fields.offerId());
    }

    @Transactional(readOnly = true)
    OfferDetails offer(String offerId) {
        return offerDetails(offerId);
    }

    /**
     * Lists offers ordered by id, after the offer id {@code after} when given.
     *
     * @param campaignId only the offers of this campaign, or null for all
     * @param active     only the offers switched on (true) or off (false), or null for both
     */
    @Transactional(readOnly = true)
    List<OfferDetails> list(String campaignId, Boolean active, String after, int limit) {
        if (campaignId != null && !campaigns.existsById(campaignId)) {
            throw new InvalidFieldException("campaignId", campaignId, "campaignId '" + campaignId
                    + "' matches no campaign; list them with GET /api/v1/campaigns", "Aucune campagne n’a "
                    + "l’identifiant " + quoted(campaignId) + " (campaignId) ; GET /api/v1/campaigns les liste.");
        }
        StringBuilder query = new StringBuilder("select offer_id from offer where 1 = 1");
        List<Object> arguments = new ArrayList<>();
        if (campaignId != null) {
            query.append(" and campaign_id = ?");
            arguments.add(campaignId);
        }
        if (active != null) {
            query.append(" and active = ?");
            arguments.add(active);
        }
        if (after != null) {
            query.append(" and offer_id > ?");
            arguments.add(after);
        }
        query.append(" order by offer_id fetch first ").append(limit).append(" rows only");
        return jdbc.queryForList(query.toString(), String.class, arguments.toArray()).stream()
                .map(this::offerDetails).toList();
    }

    /**
     * Replaces the editable fields of an offer whose version is {@code expectedVersion}, or of any version when it
     * is empty. A null {@code active} keeps the offer on or off, and null {@code treatments} keep the stored ones.
     */
    @Transactional
    OfferDetails replaceOffer(String offerId, OptionalLong expectedVersion, OfferFields fields) {
        Campaign campaign = existingCampaign(fields.campaignId());
        raiseVersion(offerId, expectedVersion);
        Offer offer = editable(offerId);
        offer.replaceContent(campaign, fields.messageFr(), fields.messageEn(), fields.businessValue(),
                fields.validFrom(), fields.validTo(), fields.storeId(), fields.chain());
        offer.withArbitration(fields.priorPropensity(), fields.businessLever())
                .withLimits(fields.maxTotal(), fields.maxPerDay(), fields.cooldownMinutes())
                .withCouponValidity(fields.couponValidity());
        if (fields.active() != null) {
            offer.switchActive(fields.active());
        }
        entityManager.flush();
        followCouponValidity(offer);
        if (fields.treatments() != null) {
            treatments.replace(offerId, fields.treatments());
        }
        log.info("Replaced offer {}", offerId);
        return offerDetails(offerId);
    }

    /**
     * Gives the template's coupon validity to the offers of its local campaigns, which read the template's content
     * at each decision but store their own validity. A campaign being created holds the lock of the template's offer
     * row, so this update waits for its offers and then changes them too.
     */
    private void followCouponValidity(Offer template) {
        String validity = template.couponValidityText();
        int followed = jdbc.update("update offer set coupon_validity = ?, version = version + 1"
                + " where template_offer_id = ? and coupon_validity is distinct from ?", validity,
                template.offerId(), validity);
        if (followed > 0) {
            OfferCatalogue.markChanged();
            log.info("Set the coupon validity of {} local campaign offers of template {} to {}", followed,
                    template.offerId(), validity == null ? "the global setting" : validity);
        }
    }

    /**
     * Switches an offer on or off. Without {@code expectedVersion} the switch applies to any version, because it
     * changes one field and repeating it changes nothing.
     */
    @Transactional
    OfferDetails switchActive(String offerId, OptionalLong expectedVersion, boolean active) {
        raiseVersion(offerId, expectedVersion);
        Offer offer = editable(offerId);
        offer.switchActive(active);
        entityManager.flush();
        log.info("Switched offer {} {}", offerId, active ? "on" : "off");
        return offerDetails(offerId);
    }

    /**
     * Raises the offer's version when it is {@code expectedVersion} (or any, when empty). The update locks the row
     * until the caller's transaction ends, so a concurrent edit of the same version waits and then fails.
     */
    private void raiseVersion(String offerId, OptionalLong expectedVersion) {
        int raised = expectedVersion.isPresent()
                ? jdbc.update("update offer set version = version + 1 where offer_id = ? and version = ?", offerId,
                expectedVersion.getAsLong())
                : jdbc.update("update offer set version = version + 1 where offer_id = ?", offerId);
        if (raised == 1) {
            return;
        }
        List<Long> current = jdbc.queryForList("select version from offer where offer_id = ?", Long.class, offerId);
        if (current.isEmpty()) {
            throw new NotFoundException("offer", "offerId", offerId,
                    "Aucune offre n’a l’identifiant " + quoted(offerId) + ".");
        }
        String currentTag = OfferETags.of(current.get(0));
        throw Problem.of(HttpStatus.PRECONDITION_FAILED, "offer-changed", "Offer changed", "offer " + offerId
                        + " is at version " + currentTag + ", not " + OfferETags.of(expectedVersion.getAsLong())
                        + ", because someone changed it since you read it; GET it again, reapply your change and "
                        + "send it with If-Match: " + currentTag)
                .fr("L’offre " + offerId + " est à la version " + currentTag + " et non "
                        + OfferETags.of(expectedVersion.getAsLong()) + ", car elle a été modifiée depuis votre "
                        + "lecture ; relisez-la avec GET, refaites votre modification et envoyez-la avec If-Match : "
                        + currentTag + ".")
                .field("If-Match", OfferETags.of(expectedVersion.getAsLong()))
                .with("currentETag", currentTag)
                .exception();
    }

    /**
     * Returns the offer to edit, or raises a conflict for the offer of a local campaign: its content comes from its
     * template, and it is switched on and off by the campaign's approval and withdrawal.
     */
    private Offer editable(String offerId) {
        Offer offer = offers.findById(offerId).orElseThrow(() -> new NotFoundException("offer", "offerId", offerId,
                "Aucune offre n’a l’identifiant " + quoted(offerId) + "."));
        if (offer.localCampaignId() != null) {
            throw Problem.of(HttpStatus.CONFLICT, "local-campaign-offer", "Offer of a local campaign", "offer "
                            + offerId + " runs local campaign " + offer.localCampaignId() + " of template "
                            + offer.templateOfferId() + "; edit the template's content with PUT /api/v1/offers/"
                            + offer.templateOfferId() + ", or approve, reject or withdraw the campaign with "
                            + "/api/v1/local-campaigns/" + offer.localCampaignId())
                    .fr("L’offre " + offerId + " est celle de la campagne locale " + offer.localCampaignId()
                            + " du modèle " + offer.templateOfferId() + " ; modifiez le contenu du modèle avec "
                            + "PUT /api/v1/offers/" + offer.templateOfferId() + ", ou approuvez, refusez ou retirez "
                            + "la campagne avec /api/v1/local-campaigns/" + offer.localCampaignId() + ".")
                    .field("offerId", offerId).exception();
        }
        return offer;
    }

    private Campaign existingCampaign(String campaignId) {
        return campaigns.findById(campaignId).orElseThrow(() -> new InvalidFieldException("campaignId", campaignId,
                "campaignId '" + campaignId + "' matches no campaign; create it with POST /api/v1/campaigns",
                "Aucune campagne n’a l’identifiant " + quoted(campaignId) + " (campaignId) ; créez-la avec "
                        + "POST /api/v1/campaigns."));
    }

    private OfferDetails offerDetails(String offerId) {
        Offer offer = offers.findById(offerId).orElseThrow(() -> new NotFoundException("offer", "offerId", offerId,
                "Aucune offre n’a l’identifiant " + quoted(offerId) + "."));
        entityManager.refresh(offer);
        // A local campaign's offer is delivered with its template's treatments, so it shows them.
        String wordedBy = offer.templateOfferId() == null ? offerId : offer.templateOfferId();
        return new OfferDetails(offer, offer.campaign().campaignId(), treatments.storedFor(wordedBy));
    }

    private List<String> offerIdsOf(String campaignId) {
        return jdbc.queryForList("select offer_id from offer where campaign_id = ? order by offer_id", String.class,
                campaignId);
    }

    private static RuntimeException offerExists(String offerId) {
        return Problem.of(HttpStatus.CONFLICT, "offer-exists", "Offer exists", "an offer with id '" + offerId
                + "' exists already; choose another id or edit it with PUT /api/v1/offers/" + offerId)
                .fr("Une offre a déjà l’identifiant " + quoted(offerId) + " ; choisissez un autre identifiant ou "
                        + "modifiez-la avec PUT /api/v1/offers/" + offerId + ".")
                .field("offerId", offerId).exception();
    }

    /** A campaign with its names and the ids of its offers. */
    record CampaignDetails(String campaignId, String nameFr, String nameEn, List<String> offerIds) {
    }

    /** An offer as stored, with its campaign id and treatments. */
    record OfferDetails(Offer offer, String campaignId, List<StoredTreatment> treatments) {
    }

    /**
     * The checked fields of an offer from a request. {@code active} and {@code treatments} are null when the request
     * leaves them out.
     */
    record OfferFields(String offerId, String campaignId, String messageFr, String messageEn, double businessValue,
                       Instant validFrom, Instant validTo, String storeId, String chain,
                       Boolean active, double priorPropensity, double businessLever, Integer maxTotal,
                       Integer maxPerDay, Integer cooldownMinutes, String couponValidity,
                       List<StoredTreatment> treatments) {
    }
}
