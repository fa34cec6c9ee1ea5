package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Signed unsubscribe and tracking links. An unsubscribe link names the customer and the channel and carries an
 * HMAC over both, so it works without logging in and cannot be forged for another customer.
 */
@Component
class UnsubscribeLinks {

    private final Hmac hmac;
    private final String publicBaseUrl;

    UnsubscribeLinks(@Value("${solomo.delivery.unsubscribe-secret:${solomo.coupons.secret}}") String secret,
                     @Value("${solomo.public-base-url}") String publicBaseUrl) {
        this.hmac = new Hmac("solomo.delivery.unsubscribe-secret", secret);
        this.publicBaseUrl = PushSender.trimSlash(publicBaseUrl);
    }

    String unsubscribeUrl(String customerId, Channel channel) {
        return publicBaseUrl + "/unsubscribe?customer=" + URLEncoder.encode(customerId, StandardCharsets.UTF_8)
                + "&channel=" + channel.name() + "&signature=" + signature(customerId, channel);
    }

    /** Returns the link that records a click on the delivery, then redirects to the store route or the coupon. */
    String clickUrl(String deliveryId) {
        return publicBaseUrl + "/t/" + deliveryId;
    }

    boolean verify(String customerId, Channel channel, String signature) {
        return hmac.verify(customerId + "|" + channel.name(), signature);
    }

    private String signature(String customerId, Channel channel) {
        return hmac.sign(customerId + "|" + channel.name());
    }
}
