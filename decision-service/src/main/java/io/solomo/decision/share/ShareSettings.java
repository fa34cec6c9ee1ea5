package io.solomo.decision.share;

import io.solomo.decision.SettingChecks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Share settings: the public base URL of {@code /s/{code}}, the landing page, the validity of claimed coupons, and
 * the networks a customer may share on, each of which earns the share points once per offer.
 */
@Component
class ShareSettings {

    static final String NETWORKS_SETTING = "solomo.shares.networks";
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9_-]{1,40}");

    private final String publicBaseUrl;
    private final String landingUrl;
    private final Duration couponValidity;
    private final List<String> networks;

    ShareSettings(@Value("${solomo.public-base-url}") String publicBaseUrl,
                  @Value("${solomo.shares.landing-url}") String landingUrl,
                  @Value("${solomo.shares.coupon-validity:14d}") Duration couponValidity,
                  @Value("${" + NETWORKS_SETTING + "}") List<String> networks) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.landingUrl = landingUrl;
        this.couponValidity = SettingChecks.positive("solomo.shares.coupon-validity", couponValidity);
        this.networks = checkedNetworks(networks);
    }

    /** Returns the lower-cased network names, or rejects an empty list or a name that no request could match. */
    private static List<String> checkedNetworks(List<String> configured) {
        List<String> names = new ArrayList<>();
        for (String name : configured) {
            String network = name.trim().toLowerCase(Locale.ROOT);
            if (!NETWORK.matcher(network).matches()) {
                throw new InvalidConfigurationPropertyValueException(NETWORKS_SETTING, String.join(",", configured),
                        "each network must be 1 to 40 letters, digits, '-' or '_', got '" + name + "'");
            }
            names.add(network);
        }
        if (names.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException(NETWORKS_SETTING, "",
                    NETWORKS_SETTING + " must name at least one network, such as facebook");
        }
        return List.copyOf(names);
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

    /** Returns the networks a customer may share on, lower-cased, in the order of the setting. */
    List<String> networks() {
        return networks;
    }
}
