package io.solomo.decision.offer;

import io.solomo.model.Language;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;

/**
 * An offer of the catalogue. Rules propose offers by id; the catalogue says whether the offer is on, valid at the
 * moment of contact and allowed at the store.
 *
 * <p>Messages may contain {@code {store}}, replaced by the store's name. {@code storeId} and {@code chain} restrict
 * the offer to one store or one chain when set; both null means every store and contacts away from stores.
 */
@Entity
@Table(name = "offer")
public class Offer {

    /** The placeholder of a message for the name of the contact's store. */
    private static final String STORE_PLACEHOLDER = "{store}";

    @Id
    @Column(name = "offer_id")
    private String offerId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "campaign_id")
    private Campaign campaign;

    @Column(name = "message_fr", nullable = false)
    private String messageFr;

    @Column(name = "message_en", nullable = false)
    private String messageEn;

    @Column(name = "business_value", nullable = false)
    private double businessValue;

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "valid_to", nullable = false)
    private Instant validTo;

    @Column(name = "store_id")
    private String storeId;

    @Column(name = "chain")
    private String chain;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "prior_propensity", nullable = false)
    private double priorPropensity = 0.1;

    @Column(name = "business_lever", nullable = false)
    private double businessLever = 1.0;

    @Column(name = "max_total")
    private Integer maxTotal;

    @Column(name = "max_per_day")
    private Integer maxPerDay;

    @Column(name = "cooldown_minutes")
    private Integer cooldownMinutes;

    /** A {@link CouponLifetime} as text, or null for the global {@code solomo.coupons.validity}. */
    @Column(name = "coupon_validity")
    private String couponValidity;

    /** Raised in SQL by {@link OfferManagement} on every change through the API, never by JPA. */
    @Column(name = "version", insertable = false, updatable = false)
    private long version;

    @Column(name = "template_offer_id")
    private String templateOfferId;

    @Column(name = "local_campaign_id")
    private Long localCampaignId;

    protected Offer() {
    }

    public Offer(String offerId, Campaign campaign, String messageFr, String messageEn, double businessValue,
                 Instant validFrom, Instant validTo, String storeId, String chain) {
        this.offerId = offerId;
        replaceContent(campaign, messageFr, messageEn, businessValue, validFrom, validTo, storeId, chain);
        this.active = true;
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void markCatalogueChanged() {
        OfferCatalogue.markChanged();
    }

    /** Returns whether the message, in either language, names the store with {@code {store}}. */
    boolean namesStore() {
        return messageEn.contains(STORE_PLACEHOLDER) || messageFr.contains(STORE_PLACEHOLDER);
    }

    /** Returns the message in the language, with {@code {store}} replaced by the store name or removed. */
    public String messageIn(Language language, String storeName) {
        String template = language == Language.EN ? messageEn : messageFr;
        return template.replace(STORE_PLACEHOLDER, storeName == null ? "" : storeName).strip();
    }

    /**
     * Returns why the offer cannot be made at this moment and store, in English and French, or null when it can.
     *
     * @param contactTime the moment of contact in the time zone in which the reason words dates
     * @param storeId     the store of the contact, or null
     * @param storeChain  the chain of that store, or null
     */
    RejectionReason unavailabilityReason(ZonedDateTime contactTime, String storeId, String storeChain) {
        if (!active) {
            return ReasonCode.SWITCHED_OFF.word(offerId);
        }
        Instant at = contactTime.toInstant();
        if (at.isBefore(validFrom) || !at.isBefore(validTo)) {
            return ReasonCode.OUTSIDE_VALIDITY.word(offerId, validityBound(validFrom, contactTime),
                    validityBound(validTo, contactTime), contactTime);
        }
        if (this.storeId != null && !this.storeId.equals(storeId)) {
            return ReasonCode.OTHER_STORE.word(offerId, this.storeId);
        }
        if (this.chain != null && !this.chain.equals(storeChain)) {
            return ReasonCode.OTHER_CHAIN.word(offerId, this.chain);
        }
        return null;
    }

    /**
     * Returns a bound of the validity period as its date in the contact's time zone. A bound on the day of contact
     * keeps its time of day, because the date alone would not show whether the contact came before or after it.
     */
    private static Temporal validityBound(Instant bound, ZonedDateTime contactTime) {
        ZonedDateTime local = bound.atZone(contactTime.getZone());
        return local.toLocalDate().equals(contactTime.toLocalDate()) ? local : local.toLocalDate();
    }

    /**
     * Sets the arbitration settings: the expected acceptance rate before any outcome is known (0 to 1, exclusive)
     * and the business lever, a multiplier marketers use to push an offer up or down (positive, 1 is neutral).
     */
    public Offer withArbitration(double priorPropensity, double businessLever) {
        if (!(priorPropensity > 0 && priorPropensity < 1)) {
            throw new IllegalArgumentException("offer " + offerId + ": priorPropensity must be within (0, 1), got "
                    + priorPropensity);
        }
        if (!(businessLever > 0)) {
            throw new IllegalArgumentException("offer " + offerId + ": businessLever must be positive, got "
                    + businessLever);
        }
        this.priorPropensity = priorPropensity;
        this.businessLever = businessLever;
        return this;
    }

    /**
     * Sets the volume limits and the cooldown; null leaves a limit off and uses the policy's default cooldown.
     *
     * @param maxTotal        contacts with this offer over its whole life, across customers
     * @param maxPerDay       contacts with this offer per day of the brand's time zone, across customers
     * @param cooldownMinutes minimum time before the same customer is offered it again
     */
    public Offer withLimits(Integer maxTotal, Integer maxPerDay, Integer cooldownMinutes) {
        this.maxTotal = maxTotal;
        this.maxPerDay = maxPerDay;
        this.cooldownMinutes = cooldownMinutes;
        return this;
    }

    /**
     * Returns the offer of a local campaign at one store, switched off until head office approves it. It copies this
     * template's content, value, arbitration settings, cooldown and coupon validity, and takes its own
     * validity and volume limits. A later change of the template's coupon validity reaches the copy through
     * {@link OfferManagement}.
     */
    public Offer localCopy(String localOfferId, long campaignId, String localStoreId, Instant from, Instant to,
                           Integer localMaxTotal, Integer localMaxPerDay) {
        Offer copy = new Offer(localOfferId, campaign, messageFr, messageEn, businessValue, from, to, localStoreId,
                null);
        copy.priorPropensity = priorPropensity;
        copy.businessLever = businessLever;
        copy.cooldownMinutes = cooldownMinutes;
        copy.couponValidity = couponValidity;
        copy.maxTotal = localMaxTotal;
        copy.maxPerDay = localMaxPerDay;
        copy.templateOfferId = offerId;
        copy.localCampaignId = campaignId;
        copy.active = false;
        return copy;
    }

    /**
     * Sets how long this offer's coupons stay valid: a positive ISO-8601 duration such as {@code PT2H} or
     * {@code P7D}, or {@value CouponLifetime#END_OF_DAY_TEXT} for the end of the contact's local day. Null uses
     * the global {@code solomo.coupons.validity}. The offer's {@code validTo} still caps every expiry.
     *
     * @throws IllegalArgumentException naming the offer and the value when the value is neither
     */
    public Offer withCouponValidity(String couponValidity) {
        this.couponValidity = couponValidity == null ? null : CouponLifetime.parse(offerId, couponValidity)
                .toString();
        return this;
    }

    /**
     * Returns the expiry, exclusive, of a coupon of this offer issued at the contact: the offer's own coupon
     * validity, else {@code defaultValidity}, and never after {@code validTo}.
     *
     * @param contactTime     the moment of contact in the time zone whose day an end-of-day coupon lasts
     * @param defaultValidity the validity of an offer without its own
     * @throws IllegalStateException when the stored coupon validity is invalid, naming the offer and the value
     */
    public Instant couponExpiry(ZonedDateTime contactTime, Duration defaultValidity) {
        CouponLifetime lifetime = couponLifetime();
        Instant expiry = lifetime == null ? contactTime.toInstant().plus(defaultValidity)
                : lifetime.expiryAfter(contactTime);
        return expiry.isBefore(validTo) ? expiry : validTo;
    }

    /** Returns the offer's own coupon validity as stored, or null when it uses the global setting. */
    String couponValidityText() {
        return couponValidity;
    }

    /** Returns the offer's own coupon lifetime, or null when it uses the global setting. */
    public CouponLifetime couponLifetime() {
        if (couponValidity == null) {
            return null;
        }
        try {
            return CouponLifetime.parse(offerId, couponValidity);
        } catch (IllegalArgumentException invalid) {
            // Only SQL written around the entity can store such a value: fix the row in table offer.
            throw new IllegalStateException(invalid.getMessage() + ", stored in column offer.coupon_validity",
                    invalid);
        }
    }

    /**
     * Replaces the content that marketers edit, leaving the arbitration settings, limits and active flag to
     * {@link #withArbitration}, {@link #withLimits} and {@link #switchActive}.
     */
    void replaceContent(Campaign campaign, String messageFr, String messageEn, double businessValue,
                        Instant validFrom, Instant validTo, String storeId, String chain) {
        if (!validFrom.isBefore(validTo)) {
            throw new IllegalArgumentException("offer " + offerId + ": validFrom " + validFrom
                    + " must be before validTo " + validTo);
        }
        this.campaign = campaign;
        this.messageFr = messageFr;
        this.messageEn = messageEn;
        this.businessValue = businessValue;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.storeId = storeId;
        this.chain = chain;
    }

    /**
     * Switches the offer on or off. An offer switched off is never made, whatever the rules propose, and a local
     * campaign's offer is on only while the campaign is approved.
     */
    public void switchActive(boolean active) {
        this.active = active;
    }

    public String offerId() {
        return offerId;
    }

    /** Returns the campaign, loading it when the offer is attached; snapshot offers cannot load it. */
    Campaign campaign() {
        return campaign;
    }

    String messageFr() {
        return messageFr;
    }

    String messageEn() {
        return messageEn;
    }

    /** Returns the chain where the offer applies, or null for every chain. */
    public String chain() {
        return chain;
    }

    /** Returns the version as stored when the offer was loaded; the API returns it as the ETag. */
    long version() {
        return version;
    }

    /** Returns the template whose local campaign this offer runs, or null for an offer of the catalogue itself. */
    public String templateOfferId() {
        return templateOfferId;
    }

    /** Returns the local campaign this offer runs, or null for an offer of the catalogue itself. */
    public Long localCampaignId() {
        return localCampaignId;
    }

    public double priorPropensity() {
        return priorPropensity;
    }

    public double businessLever() {
        return businessLever;
    }

    public Integer maxTotal() {
        return maxTotal;
    }

    public Integer maxPerDay() {
        return maxPerDay;
    }

    public Integer cooldownMinutes() {
        return cooldownMinutes;
    }

    public double businessValue() {
        return businessValue;
    }

    public Instant validFrom() {
        return validFrom;
    }

    public Instant validTo() {
        return validTo;
    }

    /** Returns the one store where the offer applies, or null for every store (of its chain, if it has one). */
    public String storeId() {
        return storeId;
    }

    /** Returns false when marketers switched the offer off. */
    public boolean active() {
        return active;
    }
}
