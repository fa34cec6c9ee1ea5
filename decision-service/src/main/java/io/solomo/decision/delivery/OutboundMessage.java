package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;

/**
 * One delivery as a channel sends it: the same offer id, coupon and links on every channel, with the channel's own
 * wording. {@code deliveryId} is the idempotency key given to providers, so a re-sent message is recognised.
 *
 * @param title    a push title or email subject, or null for channels without one
 * @param body     the channel's wording of the offer, store name filled in
 * @param attempts attempts made before this one
 * @param claim    the token of the dispatcher claim that took the row, or null outside the dispatcher
 */
record OutboundMessage(String deliveryId, String decisionId, String customerId, String offerId, String storeId,
                       Channel channel, Language language, String title, String body, String couponCode,
                       String qrCodeUrl, String routeUrl, String geoUri, int attempts, String claim) {
}
