package io.solomo.decision.delivery;

import io.solomo.decision.SettingChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends push notifications to every registered device of the customer: Android and web devices through the Firebase
 * Cloud Messaging HTTP v1 API, iOS devices through APNs. A token that the provider reports unregistered is removed
 * at once and not tried again.
 *
 * <p>Re-sending after a crash must not show an offer twice, so each message carries the delivery id as its collapse
 * key ({@code android.collapse_key}, {@code apns-collapse-id}), which makes the device replace rather than add the
 * notification, and as {@code apns-id} and in the data payload.
 *
 * <p>The notification body ends with the coupon's validity line ("Valable jusqu'au 12 décembre 2026.") unless it
 * would make the payload larger than {@link #MAX_PAYLOAD_BYTES}, and the data carries {@code couponExpiresAt}.
 *
 * <p>The credentials come from {@link FcmAccessToken} (an OAuth 2.0 token from a service account, or a configured
 * one) and {@link ApnsProviderToken} (an ES256 JWT signed with the {@code .p8} key, or a configured one).
 */
@Component
class PushSender {

    private static final Logger log = LoggerFactory.getLogger(PushSender.class);
    /**
     * The largest notification payload sent with the coupon's validity line, in UTF-8 bytes. APNs and FCM both limit a
     * payload to 4 KB, and FCM counts some fields of its own in it, so 4000 bytes leaves room for them. A payload
     * that needs more goes without the line. NOTE: the 96 bytes of margin are an estimate, not a measured FCM count.
     */
    static final int MAX_PAYLOAD_BYTES = 4000;

    private final ProviderHttp http;
    private final DeviceTokens devices;
    private final ObjectMapper json;
    private final String fcmUrl;
    private final String fcmProjectId;
    private final FcmAccessToken fcmToken;
    private final String apnsUrl;
    private final String apnsTopic;
    private final ApnsProviderToken apnsToken;
    private final RateLimit fcmRate;
    private final RateLimit apnsRate;
    /**
     * Tokens removed during the batch being dispatched. The batch read the devices once, at its claim, so without this
     * set its later messages would still be sent to a token that the provider reported unregistered mid-batch.
     */
    private final Set<String> removedTokens = ConcurrentHashMap.newKeySet();

    PushSender(ProviderHttp http, DeviceTokens devices, ObjectMapper json, FcmAccessToken fcmToken,
               ApnsProviderToken apnsToken,
               @Value("${solomo.delivery.push.fcm.url:}") String fcmUrl,
               @Value("${solomo.delivery.push.fcm.project-id:}") String fcmProjectId,
               @Value("${solomo.delivery.push.fcm.rate-per-second:0}") double fcmRatePerSecond,
               @Value("${solomo.delivery.push.apns.url:}") String apnsUrl,
               @Value("${solomo.delivery.push.apns.topic:}") String apnsTopic,
               @Value("${solomo.delivery.push.apns.rate-per-second:0}") double apnsRatePerSecond) {
        this.http = http;
        this.devices = devices;
        this.json = json;
        this.fcmUrl = trimSlash(fcmUrl);
        this.fcmProjectId = fcmProjectId.isBlank() && fcmToken.projectId() != null ? fcmToken.projectId()
                : fcmProjectId;
        this.fcmToken = fcmToken;
        this.apnsUrl = trimSlash(apnsUrl);
        this.apnsTopic = apnsTopic;
        this.apnsToken = apnsToken;
        this.fcmRate = new RateLimit(SettingChecks.notNegative("solomo.delivery.push.fcm.rate-per-second",
                fcmRatePerSecond));
        this.apnsRate = new RateLimit(SettingChecks.notNegative("solomo.delivery.push.apns.rate-per-second",
                apnsRatePerSecond));
    }

    /** Forgets the tokens removed during the previous batch, whose devices the next batch reads again. */
    void startBatch() {
        removedTokens.clear();
    }

    /** Returns whether a push provider is configured; without one, push deliveries are only recorded. */
    boolean configured() {
        return !fcmUrl.isEmpty() || !apnsUrl.isEmpty();
    }

    /**
     * Sends to every given device of the customer without blocking on the providers. The future returns the provider
     * message ids, or fails with a {@link DeliveryFailure} when no device accepted the message.
     *
     * @param targets the customer's registered devices, read with the rest of the claimed batch
     */
    CompletableFuture<String> sendAsync(OutboundMessage message, List<DeviceTokens.Device> targets) {
        if (targets.isEmpty()) {
            return CompletableFuture.failedFuture(DeliveryFailure.noRecipient("customer " + message.customerId()
                    + " has no registered device"));
        }
        List<CompletableFuture<DeviceOutcome>> outcomes = new ArrayList<>();
        for (DeviceTokens.Device device : targets) {
            outcomes.add(sendTo(message, device).handle((id, failure) -> new DeviceOutcome(id, unwrap(failure))));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> combine(message, outcomes.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<String> sendTo(OutboundMessage message, DeviceTokens.Device device) {
        if (removedTokens.contains(device.token())) {
            return CompletableFuture.completedFuture(null);
        }
        // Every failure goes into the future and none is thrown from this call. The dispatcher waits for the
        // future, so an exception thrown here would leave its batch, and the whole outbox route, waiting forever.
        try {
            return device.platform() == DeviceTokens.Platform.APNS ? sendApns(message, device)
                    : sendFcm(message, device);
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(unwrap(failure));
        }
    }

    /** Returns the ids the devices accepted, or throws the last failure, or no recipient when all were removed. */
    private static String combine(OutboundMessage message, List<DeviceOutcome> outcomes) {
        List<String> accepted = new ArrayList<>();
        DeliveryFailure lastFailure = null;
        for (DeviceOutcome outcome : outcomes) {
            if (outcome.failure() != null) {
                lastFailure = outcome.failure();
            } else if (outcome.providerMessageId() != null) {
                accepted.add(outcome.providerMessageId());
            }
        }
        if (!accepted.isEmpty()) {
            return String.join(",", accepted);
        }
        if (lastFailure != null) {
            throw lastFailure;
        }
        throw DeliveryFailure.noRecipient("every device token of customer " + message.customerId()
                + " was unregistered and has been removed");
    }

    /** Returns the failure as a DeliveryFailure, unwrapping the future's wrapper, or null for none. */
    static DeliveryFailure unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause == null || cause instanceof DeliveryFailure) {
            return (DeliveryFailure) cause;
        }
        return DeliveryFailure.transientFailure("unexpected failure: " + cause, cause);
    }

    /** Returns the future FCM message name, or null when the token was unregistered and removed. */
    private CompletableFuture<String> sendFcm(OutboundMessage message, DeviceTokens.Device device) {
        if (fcmUrl.isEmpty()) {
            throw DeliveryFailure.permanent("installation " + device.installationId()
                    + " uses FCM, but solomo.delivery.push.fcm.url is not set");
        }
        Map<String, Object> fcmMessage = new LinkedHashMap<>();
        fcmMessage.put("token", device.token());
        Map<String, Object> content = fcmContent(message, bodyWithValidity(message));
        if (payloadBytes(content) > MAX_PAYLOAD_BYTES) {
            content = fcmContent(message, message.body());
        }
        fcmMessage.putAll(content);
        fcmMessage.put("android", Map.of("collapse_key", message.deliveryId()));
        fcmMessage.put("apns", Map.of("headers", Map.of("apns-collapse-id", message.deliveryId())));
        String body = json.writeValueAsString(Map.of("message", fcmMessage));

        String accessToken = fcmToken.current();
        fcmRate.acquire();
        return http.sendAsync(HttpRequest.newBuilder(URI.create(fcmUrl + "/v1/projects/"
                        + URLEncoder.encode(fcmProjectId, StandardCharsets.UTF_8) + "/messages:send"))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), "FCM")
                .thenApply(response -> {
                    // FCM reports a token that is no longer valid as HTTP 404 with the error code UNREGISTERED. A
                    // 404 without it comes from a wrong URL or project id, not from the token, so the token is kept.
                    if (response.statusCode() >= 400 && response.body().contains("UNREGISTERED")) {
                        unregistered(device, "FCM", response.statusCode());
                        return null;
                    }
                    if (response.statusCode() == 401) {
                        fcmToken.invalidate(accessToken);
                        throw DeliveryFailure.transientFailure("FCM rejected the access token (401); the next "
                                + "attempt uses a new one", null);
                    }
                    ProviderHttp.requireAccepted(response, "FCM");
                    return ProviderHttp.acceptedField(json, response, "name", message.deliveryId(), "FCM");
                });
    }

    /** Returns the future apns-id, or null when the token was unregistered and removed. */
    private CompletableFuture<String> sendApns(OutboundMessage message, DeviceTokens.Device device) {
        if (apnsUrl.isEmpty()) {
            throw DeliveryFailure.permanent("installation " + device.installationId()
                    + " uses APNs, but solomo.delivery.push.apns.url is not set");
        }
        Map<String, Object> payload = apnsPayload(message, bodyWithValidity(message));
        if (payloadBytes(payload) > MAX_PAYLOAD_BYTES) {
            payload = apnsPayload(message, message.body());
        }

        String providerToken = apnsToken.current();
        apnsRate.acquire();
        return http.sendAsync(HttpRequest.newBuilder(URI.create(apnsUrl + "/3/device/"
                        + URLEncoder.encode(device.token(), StandardCharsets.UTF_8)))
                .header("authorization", "bearer " + providerToken)
                .header("apns-topic", apnsTopic)
                .header("apns-push-type", "alert")
                .header("apns-priority", "10")
                .header("apns-id", message.deliveryId())
                .header("apns-collapse-id", message.deliveryId())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload), StandardCharsets.UTF_8)),
                "APNs")
                .thenApply(response -> {
                    if (response.statusCode() == 410 || response.body().contains("BadDeviceToken")) {
                        unregistered(device, "APNs", response.statusCode());
                        return null;
                    }
                    ProviderHttp.requireAccepted(response, "APNs");
                    return response.headers().firstValue("apns-id").orElse(message.deliveryId());
                });
    }

    /** Returns the notification and data of an FCM message, with {@code body} as the notification body. */
    private static Map<String, Object> fcmContent(OutboundMessage message, String body) {
        Map<String, String> notification = new LinkedHashMap<>();
        notification.put("title", nullToEmpty(message.title()));
        notification.put("body", body);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("notification", notification);
        content.put("data", data(message));
        return content;
    }

    private static Map<String, Object> apnsPayload(OutboundMessage message, String body) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("aps", Map.of("alert", Map.of("title", nullToEmpty(message.title()), "body", body),
                "sound", "default"));
        payload.putAll(data(message));
        return payload;
    }

    /** Returns the body followed by the coupon's validity line as a sentence on its own line, when there is one. */
    static String bodyWithValidity(OutboundMessage message) {
        String validity = message.couponValidity();
        if (validity == null || validity.isEmpty()) {
            return message.body();
        }
        return message.body() + "\n" + Character.toUpperCase(validity.charAt(0)) + validity.substring(1) + ".";
    }

    private int payloadBytes(Map<String, Object> payload) {
        return json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8).length;
    }

    private void unregistered(DeviceTokens.Device device, String provider, int status) {
        devices.removeToken(device.token());
        removedTokens.add(device.token());
        log.info("Removed the push token of installation {}: {} reported it unregistered ({})",
                device.installationId(), provider, status);
    }

    /** Returns the offer's ids and links as strings, as FCM requires, leaving out absent values. */
    private static Map<String, String> data(OutboundMessage message) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("deliveryId", message.deliveryId());
        data.put("offerId", message.offerId());
        putIfPresent(data, "couponCode", message.couponCode());
        putIfPresent(data, "couponExpiresAt",
                message.couponExpiresAt() == null ? null : message.couponExpiresAt().toString());
        putIfPresent(data, "qrCodeUrl", message.qrCodeUrl());
        putIfPresent(data, "routeUrl", message.routeUrl());
        putIfPresent(data, "geoUri", message.geoUri());
        putIfPresent(data, "storeId", message.storeId());
        return data;
    }

    /** The result of the send to one device: a provider message id, null for a removed token, or the failure. */
    private record DeviceOutcome(String providerMessageId, DeliveryFailure failure) {
    }

    private static void putIfPresent(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    static String trimSlash(String url) {
        String trimmed = url == null ? "" : url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
