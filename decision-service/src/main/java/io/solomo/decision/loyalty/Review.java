package io.solomo.decision.loyalty;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A review a customer posted about a purchase, waiting for moderation; approval earns loyalty points. */
@Entity
@Table(name = "review")
class Review {

    static final String PENDING = "PENDING";
    static final String APPROVED = "APPROVED";
    static final String REJECTED = "REJECTED";

    @Id
    @Column(name = "review_id")
    private String reviewId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "purchase_reference", nullable = false)
    private String purchaseReference;

    @Column(name = "platform", nullable = false)
    private String platform;

    @Column(name = "url", length = 1000)
    private String url;

    @Column(name = "rating")
    private Integer rating;

    @Column(name = "text", length = 5000)
    private String text;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;

    @Column(name = "moderated_at")
    private Instant moderatedAt;

    @Column(name = "points_credited", nullable = false)
    private int pointsCredited;

    protected Review() {
    }

    Review(String reviewId, String customerId, String purchaseReference, String platform, String url, Integer rating,
           String text, Instant submittedAt) {
        this.reviewId = reviewId;
        this.customerId = customerId;
        this.purchaseReference = purchaseReference;
        this.platform = platform;
        this.url = url;
        this.rating = rating;
        this.text = text;
        this.status = PENDING;
        this.submittedAt = submittedAt;
    }

    /** Records the moderation verdict; returns false when the review was already moderated. */
    boolean moderate(boolean approved, Instant at) {
        if (!PENDING.equals(status)) {
            return false;
        }
        this.status = approved ? APPROVED : REJECTED;
        this.moderatedAt = at;
        return true;
    }

    /** Records the loyalty points that approving this review credited. */
    void creditedPoints(int points) {
        this.pointsCredited = points;
    }

    String reviewId() {
        return reviewId;
    }

    String customerId() {
        return customerId;
    }

    String purchaseReference() {
        return purchaseReference;
    }

    String platform() {
        return platform;
    }

    String url() {
        return url;
    }

    Integer rating() {
        return rating;
    }

    String text() {
        return text;
    }

    String status() {
        return status;
    }

    Instant submittedAt() {
        return submittedAt;
    }

    Instant moderatedAt() {
        return moderatedAt;
    }

    /** Points the approval credited: 0 while pending, once rejected, or when the purchase earned its points before. */
    int pointsCredited() {
        return pointsCredited;
    }
}
