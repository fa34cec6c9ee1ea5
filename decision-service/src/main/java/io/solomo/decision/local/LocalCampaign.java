package io.solomo.decision.local;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A local campaign of a template for one or more stores, from its start date to its end date included, in each
 * store's time zone. Each store has an offer of its own, switched on only while the campaign is approved.
 */
@Entity
@Table(name = "local_campaign")
class LocalCampaign {

    /** The life of a local campaign: PENDING waits for head office, and only APPROVED is offered. */
    enum Status {
        PENDING, APPROVED, REJECTED, WITHDRAWN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "local_campaign_id")
    private Long localCampaignId;

    @Column(name = "template_offer_id", nullable = false)
    private String templateOfferId;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    private LocalDate endDate;

    @Column(name = "max_per_day")
    private Integer maxPerDay;

    @Column(name = "max_total")
    private Integer maxTotal;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "rejection_reason")
    private String rejectionReason;

    @Column(name = "withdrawn_by")
    private String withdrawnBy;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "local_campaign_store", joinColumns = @JoinColumn(name = "local_campaign_id"))
    private List<StoreOffer> stores = new ArrayList<>();

    protected LocalCampaign() {
    }

    LocalCampaign(String templateOfferId, LocalDate startDate, LocalDate endDate, Integer maxPerDay,
                  Integer maxTotal, String createdBy, Instant createdAt) {
        this.templateOfferId = templateOfferId;
        this.status = Status.PENDING.name();
        this.startDate = startDate;
        this.endDate = endDate;
        this.maxPerDay = maxPerDay;
        this.maxTotal = maxTotal;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void addStore(String storeId, String offerId) {
        stores.add(new StoreOffer(storeId, offerId));
    }

    void approve(String user, Instant at) {
        status = Status.APPROVED.name();
        decidedBy = user;
        decidedAt = at;
    }

    void reject(String user, Instant at, String reason) {
        status = Status.REJECTED.name();
        decidedBy = user;
        decidedAt = at;
        rejectionReason = reason;
    }

    void withdraw(String user, Instant at) {
        status = Status.WITHDRAWN.name();
        withdrawnBy = user;
        withdrawnAt = at;
    }

    Long localCampaignId() {
        return localCampaignId;
    }

    String templateOfferId() {
        return templateOfferId;
    }

    Status status() {
        return Status.valueOf(status);
    }

    LocalDate startDate() {
        return startDate;
    }

    LocalDate endDate() {
        return endDate;
    }

    Integer maxPerDay() {
        return maxPerDay;
    }

    Integer maxTotal() {
        return maxTotal;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    String decidedBy() {
        return decidedBy;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    String rejectionReason() {
        return rejectionReason;
    }

    String withdrawnBy() {
        return withdrawnBy;
    }

    Instant withdrawnAt() {
        return withdrawnAt;
    }

    List<StoreOffer> stores() {
        return List.copyOf(stores);
    }

    /** A store of the campaign and the offer it runs there. */
    @Embeddable
    static class StoreOffer {

        @Column(name = "store_id", nullable = false)
        private String storeId;

        @Column(name = "offer_id", nullable = false)
        private String offerId;

        protected StoreOffer() {
        }

        StoreOffer(String storeId, String offerId) {
            this.storeId = storeId;
            this.offerId = offerId;
        }

        String storeId() {
            return storeId;
        }

        String offerId() {
            return offerId;
        }
    }
}
