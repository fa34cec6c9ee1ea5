package io.solomo.decision.share;

import io.solomo.decision.SettingChecks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Where share links point: the public base URL of {@code /s/{code}}, the landing page, and claimed coupons' life. */
@Component
class ShareSettings {

    private final String publicBaseUrl;
    private final String landingUrl;
    private final Duration couponValidity;

    ShareSettings(@Value("${solomo.public-base-url}") String publicBaseUrl,
                  @Value("${solomo.shares.landing-url}") String landingUrl,
                  @Value("${solomo.shares.coupon-validity:14d}") Duration couponValidity) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.landingUrl = landingUrl;
        this.couponValidity = SettingChecks.positive("solomo.shares.coupon-validity", couponValidity);
    }

    String shareUrl(String code) {
        return publicBaseUrl + "/s/" + code;
    }

    /** The landing page with the share code and offer id as query parameters. */
    String landingUrl(String code, String offerId) {
        String separator = landingUrl.contains("?") ? "&" : "?";
        return landingUrl + separator + "share=" + code + "&offer=" + java.net.URLEncoder.encode(offerId,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    Duration couponValidity() {
        return couponValidity;
    }
}
