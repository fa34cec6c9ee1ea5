package io.solomo.decision.delivery;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts offers to a partner system as JSON, signed with HMAC-SHA256: {@code X-Solomo-Signature: sha256=<hex>} over
 * {@code <X-Solomo-Timestamp>.<body>}, so the partner can check origin and freshness. {@code Idempotency-Key} is the
 * delivery id.
 */
@Component
class WebhookSender {

    static final String SIGNATURE_HEADER = "X-Solomo-Signature";
    static final String TIMESTAMP_HEADER = "X-Solomo-Timestamp";

    private final ProviderHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final String url;
    private final Hmac hmac;

    WebhookSender(ProviderHttp http, ObjectMapper json, Clock clock,
                  @Value("${solomo.delivery.webhook.url:}") String url,
                  @Value("${solomo.delivery.webhook.secret:change-me-outside-the-demo}") String secret) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.url = url == null ? "" : url.trim();
        this.hmac = new Hmac("solomo.delivery.webhook.secret", secret);
    }

    boolean configured() {
        return !url.isEmpty();
    }

    String send(OutboundMessage message) {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("deliveryId", message.deliveryId());
        offer.put("decisionId", message.decisionId());
        offer.put("customerId", message.customerId());
        offer.put("offerId", message.offerId());
        offer.put("storeId", message.storeId());
        offer.put("language", message.language().code());
        offer.put("title", message.title());
        offer.put("text", message.body());
        offer.put("couponCode", message.couponCode());
        offer.put("couponExpiresAt", message.couponExpiresAt() == null ? null : message.couponExpiresAt().toString());
        offer.put("couponValidity", message.couponValidity());
        offer.put("qrCodeUrl", message.qrCodeUrl());
        offer.put("routeUrl", message.routeUrl());
        offer.put("geoUri", message.geoUri());
        String body = json.writeValueAsString(offer);
        String timestamp = Long.toString(clock.instant().getEpochSecond());

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, "sha256=" + hmac.sign(timestamp + "." + body))
                .header("Idempotency-Key", message.deliveryId())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), "webhook");
        ProviderHttp.requireAccepted(response, "webhook");
        return message.deliveryId();
    }
}
