package io.solomo.decision.offer;

import io.solomo.model.Language;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

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

    protected Offer() {
    }

    public Offer(String offerId, Campaign campaign, String messageFr, String messageEn, double businessValue,
                 Instant validFrom, Instant validTo, String storeId, String chain) {
        if (!validFrom.isBefore(validTo)) {
            throw new IllegalArgumentException("offer " + offerId + ": validFrom " + validFrom
                    + " must be before validTo " + validTo);
        }
        this.offerId = offerId;
        this.campaign = campaign;
        this.messageFr = messageFr;
        this.messageEn = messageEn;
        this.businessValue = businessValue;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.storeId = storeId;
        this.chain = chain;
        this.active = true;
    }

    /** Returns the message in the language, with {@code {store}} replaced by the store name or removed. */
    public String messageIn(Language language, String storeName) {
        String template = language == Language.EN ? messageEn : messageFr;
        return template.replace("{store}", storeName == null ? "" : storeName).strip();
    }

    /**
     * Returns why the offer cannot be made at this moment and store, in one sentence, or null when it can.
     *
     * @param storeId    the store of the contact, or null
     * @param storeChain the chain of that store, or null
     */
    public String unavailabilityReason(Instant at, String storeId, String storeChain) {
        if (!active) {
            return "offer " + offerId + " is switched off";
        }
        if (at.isBefore(validFrom) || !at.isBefore(validTo)) {
            return "offer " + offerId + " is valid from " + validFrom + " to " + validTo + ", not at " + at;
        }
        if (this.storeId != null && !this.storeId.equals(storeId)) {
            return "offer " + offerId + " is for store " + this.storeId + " only";
        }
        if (this.chain != null && !this.chain.equals(storeChain)) {
            return "offer " + offerId + " is for stores of the chain " + this.chain + " only";
        }
        return null;
    }

    public String offerId() {
        return offerId;
    }

    public double businessValue() {
        return businessValue;
    }

    public Instant validTo() {
        return validTo;
    }
}
