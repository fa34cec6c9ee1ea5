package io.solomo.decision.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2.0 access token that the FCM HTTP v1 API requires. With {@code solomo.delivery.push.fcm.service-account-file}
 * set, the token is obtained from Google's token endpoint with the service account's key (the JWT bearer grant of
 * RFC 7523: an RS256-signed assertion with scope {@code firebase.messaging}, posted to the {@code token_uri} of the
 * JSON file) and cached until {@link #RENEW_BEFORE_EXPIRY} before it expires, or half its lifetime for a token
 * that lasts less than twice that. Without it, the token configured in
 * {@code solomo.delivery.push.fcm.access-token} is used as it is, which suits the demo and tests.
 */
@Component
class FcmAccessToken {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Google's tokens last an hour; a token this close to expiry is replaced before it is used. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(FcmAccessToken.class);

    private final ProviderHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final String configuredToken;
    private final ServiceAccount account;
    private String cachedToken;
    private Instant renewAt = Instant.MIN;

    FcmAccessToken(ProviderHttp http, ObjectMapper json, Clock clock,
                   @Value("${solomo.delivery.push.fcm.access-token:}") String configuredToken,
                   @Value("${solomo.delivery.push.fcm.service-account-file:}") String serviceAccountFile) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.configuredToken = configuredToken;
        this.account = serviceAccountFile == null || serviceAccountFile.isBlank() ? null
                : ServiceAccount.read(json, Path.of(serviceAccountFile.trim()));
    }

    /** Returns the project id of the service account, or null without one. */
    String projectId() {
        return account == null ? null : account.projectId();
    }

    /**
     * Returns a token valid for a few minutes at least, asking the token endpoint for a new one when the cached one
     * is about to expire. Throws a transient {@link DeliveryFailure} when the endpoint does not issue one, so the
     * deliveries wait for their retries instead of going to the dead-letter store over a credentials problem.
     */
    synchronized String current() {
        if (account == null) {
            return configuredToken;
        }
        Instant now = clock.instant();
        if (cachedToken == null || !now.isBefore(renewAt)) {
            fetch(now);
        }
        return cachedToken;
    }

    /** Forgets the cached token, after FCM rejected it, so that the next send requests a new one. */
    synchronized void invalidate(String rejectedToken) {
        if (rejectedToken.equals(cachedToken)) {
            cachedToken = null;
        }
    }

    private void fetch(Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (account.privateKeyId() != null) {
            header.put("kid", account.privateKeyId());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", account.clientEmail());
        claims.put("scope", SCOPE);
        claims.put("aud", account.tokenUri());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        String assertion = CompactJws.sign(json, header, claims, account.privateKey());
        String form = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(account.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)), "OAuth token endpoint");
        if (response.statusCode() != 200) {
            log.error("The OAuth token endpoint {} rejected the FCM service account {}: {} {}", account.tokenUri(),
                    account.clientEmail(), response.statusCode(), ProviderHttp.abbreviate(response.body()));
            throw DeliveryFailure.transientFailure("the OAuth token endpoint responded " + response.statusCode()
                    + " for service account " + account.clientEmail() + "; check solomo.delivery.push.fcm"
                    + ".service-account-file", null);
        }
        JsonNode token;
        try {
            token = json.readTree(response.body());
        } catch (JacksonException unreadable) {
            log.error("The OAuth token endpoint {} returned a body that is not JSON for the FCM service account {}: {}",
                    account.tokenUri(), account.clientEmail(), ProviderHttp.abbreviate(response.body()));
            throw DeliveryFailure.transientFailure("the OAuth token endpoint " + account.tokenUri()
                    + " returned a body that is not JSON; check the token_uri of solomo.delivery.push.fcm"
                    + ".service-account-file", unreadable);
        }
        String accessToken = token.path("access_token").asString("");
        if (accessToken.isEmpty()) {
            throw DeliveryFailure.transientFailure("the OAuth token endpoint returned no access_token", null);
        }
        long expiresIn = token.path("expires_in").asLong(3600);
        cachedToken = accessToken;
        // A token shorter-lived than twice the margin is renewed halfway, not at once, which would fetch one per push.
        Duration lifetime = Duration.ofSeconds(Math.max(expiresIn, 0));
        Duration margin = lifetime.dividedBy(2).compareTo(RENEW_BEFORE_EXPIRY) < 0 ? lifetime.dividedBy(2)
                : RENEW_BEFORE_EXPIRY;
        renewAt = now.plus(lifetime).minus(margin);
        log.info("Obtained an FCM access token for service account {}, valid for {} s", account.clientEmail(),
                expiresIn);
    }

    /** The fields of a Google service-account JSON key file that the token request needs. */
    record ServiceAccount(String projectId, String clientEmail, String privateKeyId, PrivateKey privateKey,
                          String tokenUri) {

        static ServiceAccount read(ObjectMapper json, Path file) {
            JsonNode account;
            try {
                account = json.readTree(Files.readString(file));
            } catch (IOException failed) {
                throw new UncheckedIOException("cannot read the FCM service-account file " + file
                        + " (solomo.delivery.push.fcm.service-account-file)", failed);
            }
            for (String field : new String[] {"client_email", "private_key", "token_uri"}) {
                if (account.path(field).asString("").isBlank()) {
                    throw new IllegalStateException("the FCM service-account file " + file + " has no " + field
                            + "; download a key of type service account from the Firebase console");
                }
            }
            return new ServiceAccount(account.path("project_id").asString(null),
                    account.path("client_email").asString(), account.path("private_key_id").asString(null),
                    CompactJws.privateKey(account.path("private_key").asString(), "RSA", file.toString()),
                    account.path("token_uri").asString());
        }
    }
}
