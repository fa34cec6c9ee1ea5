package io.solomo.decision.delivery;

import io.solomo.decision.SettingChecks;
import io.solomo.model.Language;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends SMS through an HTTP gateway: a JSON {@code POST} of the recipient, the text, its encoding and segment count,
 * and the delivery id as {@code reference} and {@code Idempotency-Key}. The length is checked before sending: a text
 * longer than {@code solomo.delivery.sms.max-segments} fails for good, without a request.
 *
 * <p>The text is the offer's SMS treatment, the coupon code, the coupon's validity when it fits, and the opt-out
 * notice that French rules require on marketing SMS. With {@code solomo.delivery.sms.encoding=smart} its characters
 * outside GSM-7 become look-alikes (see {@link SmsEncoding}) before the length is counted, so the gateway receives
 * the text, encoding and segment count that were checked.
 */
@Component
class SmsSender {

    private final ProviderHttp http;
    private final RecipientAddresses addresses;
    private final ObjectMapper json;
    private final String url;
    private final String apiKey;
    private final String sender;
    private final int maxSegments;
    private final SmsEncoding encoding;
    private final RateLimit rate;

    SmsSender(ProviderHttp http, RecipientAddresses addresses, ObjectMapper json,
              @Value("${solomo.delivery.sms.url:}") String url,
              @Value("${solomo.delivery.sms.api-key:}") String apiKey,
              @Value("${solomo.delivery.sms.sender:SOLOMO}") String sender,
              @Value("${solomo.delivery.sms.max-segments:2}") int maxSegments,
              @Value("${solomo.delivery.sms.encoding:smart}") String encoding,
              @Value("${solomo.delivery.sms.rate-per-second:10}") double ratePerSecond) {
        this.http = http;
        this.addresses = addresses;
        this.json = json;
        this.url = url == null ? "" : url.trim();
        this.apiKey = apiKey;
        this.sender = sender;
        this.maxSegments = SettingChecks.atLeast("solomo.delivery.sms.max-segments", maxSegments, 1);
        this.encoding = SmsEncoding.of(encoding);
        this.rate = new RateLimit(SettingChecks.notNegative("solomo.delivery.sms.rate-per-second", ratePerSecond));
    }

    boolean configured() {
        return !url.isEmpty();
    }

    /**
     * Returns the SMS text of a message as it is counted and sent: its wording, the coupon code, the coupon's
     * validity line and the opt-out notice, prepared for the encoding. The no-break spaces of French typography
     * become ordinary spaces in either encoding, because the analyst typed ordinary ones. The validity line is left
     * out when it would make the prepared text take one more SMS segment, so it never raises the cost of a message
     * nor pushes it past {@code max-segments}.
     */
    static String text(OutboundMessage message, SmsEncoding encoding) {
        String coupon = message.couponCode() == null ? "" : " " + message.couponCode();
        String stop = message.language() == Language.EN ? " Reply STOP to opt out" : " STOP SMS : répondez STOP";
        String withoutValidity = encoding.apply(FrenchTypography.plainSpaces(message.body()) + coupon + "." + stop);
        if (message.couponValidity() == null) {
            return withoutValidity;
        }
        String withValidity = encoding.apply(FrenchTypography.plainSpaces(message.body()) + coupon + ". "
                + sentence(message.couponValidity()) + stop);
        return SmsSegments.of(withValidity).segments() > SmsSegments.of(withoutValidity).segments()
                ? withoutValidity : withValidity;
    }

    /**
     * Returns the validity line as a sentence in GSM-7. "août" loses its circumflex, which the GSM-7 alphabet lacks
     * and the French spelling reform of 1990 allows to drop, so that August does not switch the text to UCS-2.
     */
    private static String sentence(String validity) {
        String gsm7 = FrenchTypography.plainSpaces(validity).replace('û', 'u');
        return Character.toUpperCase(gsm7.charAt(0)) + gsm7.substring(1) + ".";
    }

    String send(OutboundMessage message) {
        String phone = addresses.phoneOf(message.customerId()).orElseThrow(() -> DeliveryFailure.noRecipient(
                "customer " + message.customerId() + " has no phone number"));
        String text = text(message, encoding);
        SmsSegments length = SmsSegments.of(text);
        if (length.segments() > maxSegments) {
            throw DeliveryFailure.permanent("the SMS text needs " + length.segments() + " " + length.encoding()
                    + " segments (" + length.units() + " units), more than solomo.delivery.sms.max-segments="
                    + maxSegments + "; shorten the offer's SMS treatment");
        }

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("from", sender);
        request.put("to", phone);
        request.put("text", text);
        request.put("encoding", length.encoding());
        request.put("segments", length.segments());
        request.put("reference", message.deliveryId());
        rate.acquire();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + apiKey)
                .header("Idempotency-Key", message.deliveryId())
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request), StandardCharsets.UTF_8)),
                "SMS gateway");
        ProviderHttp.requireAccepted(response, "SMS gateway");
        return ProviderHttp.acceptedField(json, response, "messageId", message.deliveryId(), "SMS gateway");
    }
}
