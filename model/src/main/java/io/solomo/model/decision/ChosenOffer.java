package io.solomo.model.decision;

import io.solomo.model.Channel;

import java.time.Instant;
import java.util.List;

/**
 * An offer chosen for a customer, ready to be shown or sent.
 *
 * @param storeId    the store the offer is for, or null for an offer valid in every store
 * @param score      the ranking score, higher first
 * @param message    the text in the customer's language
 * @param couponCode the single coupon issued for this offer and customer
 * @param qrCodeUrl  where the coupon's QR image (PNG) is served
 * @param routeUrl   an OpenStreetMap directions link to the store, or null when the offer has no store
 * @param reasons    names of the rules that chose the offer
 * @param geoUri     an RFC 5870 {@code geo:} URI of the store that opens the phone's map app, or null when the offer
 *                   has no store
 * @param title      the title of the offer on its channel (push title, email subject), or null where the channel
 *                   has none (SMS) or the offer has no treatment for it
 * @param channelMessage the text that a delivery of the offer on its channel stores and sends (push body, SMS text,
 *                   email body), with the store name filled in and the typography of the customer's language. It is
 *                   the general message when the offer has no treatment for the channel. The SMS sender adds the
 *                   coupon code and opt-out line, and turns no-break spaces into ordinary ones.
 * @param couponExpiresAt the moment the coupon stops being valid (exclusive), or null where the caller did not set it
 */
public record ChosenOffer(String offerId, String storeId, Channel channel, double score, String message,
                          String couponCode, String qrCodeUrl, String routeUrl, List<String> reasons, String geoUri,
                          String title, String channelMessage, Instant couponExpiresAt) {

    public ChosenOffer {
        reasons = List.copyOf(reasons);
    }

    /** Creates a chosen offer without its coupon's expiry: {@code couponExpiresAt} is null. */
    public ChosenOffer(String offerId, String storeId, Channel channel, double score, String message,
                       String couponCode, String qrCodeUrl, String routeUrl, List<String> reasons, String geoUri,
                       String title, String channelMessage) {
        this(offerId, storeId, channel, score, message, couponCode, qrCodeUrl, routeUrl, reasons, geoUri, title,
                channelMessage, null);
    }

    /** Creates a chosen offer without its channel wording: {@code title} and {@code channelMessage} are null. */
    public ChosenOffer(String offerId, String storeId, Channel channel, double score, String message,
                       String couponCode, String qrCodeUrl, String routeUrl, List<String> reasons, String geoUri) {
        this(offerId, storeId, channel, score, message, couponCode, qrCodeUrl, routeUrl, reasons, geoUri, null,
                null);
    }

    /** Creates a chosen offer without a {@code geo:} URI or channel wording. */
    public ChosenOffer(String offerId, String storeId, Channel channel, double score, String message,
                       String couponCode, String qrCodeUrl, String routeUrl, List<String> reasons) {
        this(offerId, storeId, channel, score, message, couponCode, qrCodeUrl, routeUrl, reasons, null);
    }
}
