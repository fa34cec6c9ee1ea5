package io.solomo.decision.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One offer sent, or being sent, to one customer on one channel. */
@Entity
@Table(name = "delivery")
public class Delivery {

    @Id
    @Column(name = "delivery_id")
    private String deliveryId;

    @Column(name = "decision_id", nullable = false)
    private String decisionId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "offer_id", nullable = false)
    private String offerId;

    @Column(name = "store_id")
    private String storeId;

    @Column(name = "channel", nullable = false)
    private String channel;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "message", nullable = false)
    private String message;

    @Column(name = "coupon_code")
    private String couponCode;

    @Column(name = "language")
    private String language;

    @Column(name = "route_url")
    private String routeUrl;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "title")
    private String title;

    @Column(name = "qr_code_url")
    private String qrCodeUrl;

    @Column(name = "geo_uri")
    private String geoUri;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Delivery() {
    }

    public String deliveryId() {
        return deliveryId;
    }

    public String decisionId() {
        return decisionId;
    }

    public String offerId() {
        return offerId;
    }

    public String storeId() {
        return storeId;
    }

    public String channel() {
        return channel;
    }

    public String status() {
        return status;
    }

    public String message() {
        return message;
    }

    public String couponCode() {
        return couponCode;
    }

    /** Returns the ISO 639-1 code of the language the delivery is written in. */
    public String language() {
        return language;
    }

    public String routeUrl() {
        return routeUrl;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String customerId() {
        return customerId;
    }

    public String title() {
        return title;
    }

    public String qrCodeUrl() {
        return qrCodeUrl;
    }

    public String geoUri() {
        return geoUri;
    }

    public int attempts() {
        return attempts;
    }

    /** Returns the reason of the last failed attempt or of the suppression, or null. */
    public String lastError() {
        return lastError;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
