package io.solomo.decision.coupon;

import io.solomo.decision.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A coupon issued to one customer for one offer, optionally limited to one store. */
@Entity
@Table(name = "coupon")
public class Coupon extends AssignedIdEntity<String> {

    @Id
    @Column(name = "code")
    private String code;

    @Column(name = "offer_id", nullable = false)
    private String offerId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "store_id")
    private String storeId;

    @Column(name = "decision_id", nullable = false)
    private String decisionId;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "redeemed_at")
    private Instant redeemedAt;

    protected Coupon() {
    }

    @Override
    public String getId() {
        return code;
    }

    Coupon(String code, String offerId, String customerId, String storeId, String decisionId, Instant issuedAt,
           Instant expiresAt) {
        this.code = code;
        this.offerId = offerId;
        this.customerId = customerId;
        this.storeId = storeId;
        this.decisionId = decisionId;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String code() {
        return code;
    }

    public String offerId() {
        return offerId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    String customerId() {
        return customerId;
    }

    String storeId() {
        return storeId;
    }

    String decisionId() {
        return decisionId;
    }

    Instant issuedAt() {
        return issuedAt;
    }
}
