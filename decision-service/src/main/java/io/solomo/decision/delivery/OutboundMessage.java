package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;

import java.time.Instant;

/**
 * One delivery as a channel sends it: the same offer id, coupon and links on every channel, with the channel's own
 * wording. {@code deliveryId} is the idempotency key given to providers, so a re-sent message is recognised.
 *
 * @param title            a push title or email subject, or null for channels without one
 * @param body             the channel's wording of the offer, store name filled in
 * @param attempts         attempts made before this one
 * @param claim            the token of the dispatcher claim that took the row, or null outside the dispatcher
 * @param couponExpiresAt  when the coupon stops being valid, or null without a coupon or before
 *                         {@link CouponValidity#fillIn} read it
 * @param couponValidity   the coupon's validity line in the message's language, such as "valid until 12 December
 *                         2026", or null when {@code couponExpiresAt} is
 */
record OutboundMessage(String deliveryId, String decisionId, String customerId, String offerId, String storeId,
                       Channel channel, Language language, String title, String body, String couponCode,
                       String qrCodeUrl, String routeUrl, String geoUri, int attempts, String claim,
                       Instant couponExpiresAt, String couponValidity) {

    /** Creates a message whose coupon expiry is not read yet. */
    OutboundMessage(String deliveryId, String decisionId, String customerId, String offerId, String storeId,
                    Channel channel, Language language, String title, String body, String couponCode,
                    String qrCodeUrl, String routeUrl, String geoUri, int attempts, String claim) {
        this(deliveryId, decisionId, customerId, offerId, storeId, channel, language, title, body, couponCode,
                qrCodeUrl, routeUrl, geoUri, attempts, claim, null, null);
    }

    /** Returns this message with the expiry of its coupon and the validity line that words it. */
    OutboundMessage withCouponExpiry(Instant expiresAt, String validity) {
        return new OutboundMessage(deliveryId, decisionId, customerId, offerId, storeId, channel, language, title,
                body, couponCode, qrCodeUrl, routeUrl, geoUri, attempts, claim, expiresAt, validity);
    }
}
