package io.solomo.decision.offer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A catalogue offer that head office lets stores and agencies run as local campaigns, with the bounds of those
 * campaigns. The template keeps its content: a local campaign chooses only stores, dates and volumes.
 */
@Entity
@Table(name = "local_template")
public class LocalTemplate {

    @Id
    @Column(name = "offer_id")
    private String offerId;

    @Column(name = "approval_required", nullable = false)
    private boolean approvalRequired;

    @Column(name = "max_run_days", nullable = false)
    private int maxRunDays;

    @Column(name = "max_coupons_per_store", nullable = false)
    private int maxCouponsPerStore;

    @Column(name = "local_only", nullable = false)
    private boolean localOnly;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "withdrawn_by")
    private String withdrawnBy;

    /** The moment head office took the template back, or null while it is a template. */
    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    protected LocalTemplate() {
    }

    public LocalTemplate(String offerId) {
        this.offerId = offerId;
    }

    /**
     * Sets the bounds of the template's local campaigns. A template that head office withdrew becomes a template
     * again.
     *
     * @param maxRunDays         the maximum length of a local campaign in days, both end days included
     * @param maxCouponsPerStore the maximum number of coupons, hence contacts, of one local campaign at one store
     * @param localOnly          true when the rules' proposals of the template are offered only through local
     *                           campaigns, never directly
     */
    public void update(boolean approvalRequired, int maxRunDays, int maxCouponsPerStore, boolean localOnly,
                       String user, Instant at) {
        this.approvalRequired = approvalRequired;
        this.maxRunDays = maxRunDays;
        this.maxCouponsPerStore = maxCouponsPerStore;
        this.localOnly = localOnly;
        this.updatedBy = user;
        this.updatedAt = at;
        this.withdrawnBy = null;
        this.withdrawnAt = null;
    }

    /**
     * Takes the template back: no new local campaign may run it. The settings stay, because the campaigns created
     * before keep them, and {@code localOnly} still applies to the offer's decisions.
     */
    public void withdraw(String user, Instant at) {
        this.withdrawnBy = user;
        this.withdrawnAt = at;
    }

    /** Returns true when head office took the template back and did not mark the offer again since. */
    public boolean withdrawn() {
        return withdrawnAt != null;
    }

    public String withdrawnBy() {
        return withdrawnBy;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void markCatalogueChanged() {
        OfferCatalogue.markChanged();
    }

    public String offerId() {
        return offerId;
    }

    public boolean approvalRequired() {
        return approvalRequired;
    }

    public int maxRunDays() {
        return maxRunDays;
    }

    public int maxCouponsPerStore() {
        return maxCouponsPerStore;
    }

    public boolean localOnly() {
        return localOnly;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
