package io.solomo.decision.delivery;

import com.sun.net.httpserver.HttpServer;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FCM and APNs credentials made from real keys generated in the test: an OAuth 2.0 access token obtained from a
 * token endpoint on loopback with a service-account JSON file, and an APNs provider token signed with a {@code .p8}
 * key. The stand-ins verify every signature with the public key, as Google and Apple do.
 */
class PushCredentialsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path folder;

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final List<String> assertions = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    // The expires_in of the tokens the endpoint issues.
    private volatile long tokenLifetimeSeconds = 3600;
    private final LoopbackProvider provider = LoopbackProvider.start();
    private HttpServer tokenEndpoint;

    @AfterEach
    void stopServers() {
        provider.close();
        if (tokenEndpoint != null) {
            tokenEndpoint.stop(0);
        }
    }

    @Test
    void fcmSendsTokenFromServiceAccount() throws Exception {
        KeyPair serviceAccountKey = rsaKeyPair();
        startTokenEndpoint(serviceAccountKey.getPublic());
        Path accountFile = writeServiceAccount(serviceAccountKey);
        FcmAccessToken token = new FcmAccessToken(new ProviderHttp(8), JSON, clock, "", accountFile.toString());
        PushSender push = pushSender(token, new ApnsProviderToken(JSON, clock, "unused", "", "", ""));

        String providerId = push.sendAsync(message("d-1"), List.of(fcmDevice())).join();

        assertThat(providerId).isEqualTo("projects/solomo-test/messages/1");
        LoopbackProvider.Request sent = provider.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/projects/solomo-test/messages:send");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer access-token-1");
        assertThat(assertions).hasSize(1);
        Map<String, Object> claims = verifiedClaims(assertions.get(0), serviceAccountKey.getPublic(),
                "SHA256withRSA", "RS256");
        assertThat(claims.get("iss")).isEqualTo("sender@solomo-test.iam.gserviceaccount.com");
        assertThat(claims.get("scope")).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
        assertThat(claims.get("aud")).isEqualTo(tokenUri());
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
                .isEqualTo(3600);
    }

    @Test
    void fcmTokenIsCachedUntilNearExpiry() throws Exception {
        KeyPair serviceAccountKey = rsaKeyPair();
        startTokenEndpoint(serviceAccountKey.getPublic());
        FcmAccessToken token = new FcmAccessToken(new ProviderHttp(8), JSON, clock, "",
                writeServiceAccount(serviceAccountKey).toString());

        String first = token.current();
        clock.advance(Duration.ofMinutes(54));
        String cached = token.current();
        clock.advance(Duration.ofMinutes(2));
        String renewed = token.current();

        assertThat(cached).isEqualTo(first);
        assertThat(renewed).isEqualTo("access-token-2");
        assertThat(issued.get()).isEqualTo(2);
    }

    @Test
    void shortLivedFcmTokenIsRenewedHalfway() throws Exception {
        tokenLifetimeSeconds = 120;
        KeyPair serviceAccountKey = rsaKeyPair();
        startTokenEndpoint(serviceAccountKey.getPublic());
        FcmAccessToken token = new FcmAccessToken(new ProviderHttp(8), JSON, clock, "",
                writeServiceAccount(serviceAccountKey).toString());

        String first = token.current();
        clock.advance(Duration.ofSeconds(50));
        String cached = token.current();
        clock.advance(Duration.ofSeconds(20));
        String renewed = token.current();

        assertThat(cached).as("a token with 70 s left is kept, not fetched again for each push").isEqualTo(first);
        assertThat(renewed).isEqualTo("access-token-2");
        assertThat(issued.get()).isEqualTo(2);
    }

    @Test
    void fcmRejectedTokenReplacedOnRetry() throws Exception {
        KeyPair serviceAccountKey = rsaKeyPair();
        startTokenEndpoint(serviceAccountKey.getPublic());
        FcmAccessToken token = new FcmAccessToken(new ProviderHttp(8), JSON, clock, "",
                writeServiceAccount(serviceAccountKey).toString());
        PushSender push = pushSender(token, new ApnsProviderToken(JSON, clock, "unused", "", "", ""));
        provider.respond(request -> "Bearer access-token-1".equals(request.headers().get("authorization"))
                ? LoopbackProvider.Reply.status(401, "{\"error\": {\"status\": \"UNAUTHENTICATED\"}}")
                : LoopbackProvider.Reply.ok("{\"name\": \"projects/solomo-test/messages/2\"}"));

        Throwable rejected = push.sendAsync(message("d-401"), List.of(fcmDevice())).handle((id, failure) -> failure)
                .join();
        String retried = push.sendAsync(message("d-401"), List.of(fcmDevice())).join();

        assertThat(rejected).isNotNull();
        Throwable cause = rejected.getCause() != null ? rejected.getCause() : rejected;
        assertThat(cause).isInstanceOfSatisfying(DeliveryFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.TRANSIENT));
        assertThat(retried).isEqualTo("projects/solomo-test/messages/2");
        assertThat(issued.get()).isEqualTo(2);
        assertThat(provider.requests().get(1).headers().get("authorization")).isEqualTo("Bearer access-token-2");
    }

    @Test
    void fcmTokenRefusedIsTransientFailure() throws Exception {
        startTokenEndpoint(rsaKeyPair().getPublic());
        FcmAccessToken token = new FcmAccessToken(new ProviderHttp(8), JSON, clock, "",
                writeServiceAccount(rsaKeyPair()).toString());

        assertThatThrownBy(token::current)
                .isInstanceOfSatisfying(DeliveryFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.TRANSIENT))
                .hasMessageContaining("responded 401");
    }

    @Test
    void fcmUnreadableTokenFailsSendTransiently() throws Exception {
        tokenEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenEndpoint.createContext("/token", exchange -> {
            byte[] body = "<html><body>Service unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokenEndpoint.start();
        FcmAccessToken token = new FcmAccessToken(new ProviderHttp(8), JSON, clock, "",
                writeServiceAccount(rsaKeyPair()).toString());
        PushSender push = pushSender(token, new ApnsProviderToken(JSON, clock, "unused", "", "", ""));

        Throwable failure = push.sendAsync(message("d-html"), List.of(fcmDevice()))
                .handle((id, thrown) -> thrown).join();

        assertThat(PushSender.unwrap(failure).kind()).isEqualTo(DeliveryFailure.Kind.TRANSIENT);
        assertThat(PushSender.unwrap(failure)).hasMessageContaining("not JSON");
        assertThat(provider.requests()).isEmpty();
    }

    @Test
    void invalidProviderUrlFailsSendInFuture() {
        PushSender push = new PushSender(new ProviderHttp(8), new DeviceTokens(null, clock), JSON,
                new FcmAccessToken(new ProviderHttp(8), JSON, clock, "unused", ""),
                new ApnsProviderToken(JSON, clock, "provider-token", "", "", ""),
                "", "", 0, "http://127.0.0.1:1/a path with spaces", "com.solomo.app", 0);
        DeviceTokens.Device iphone = new DeviceTokens.Device("iphone", DeviceTokens.Platform.APNS, "apns-token");

        Throwable failure = push.sendAsync(message("d-url"), List.of(iphone)).handle((id, thrown) -> thrown).join();

        assertThat(failure).isNotNull();
        assertThat(PushSender.unwrap(failure)).hasMessageContaining("a path with spaces");
    }

    @Test
    void fcmConfiguredTokenIsUsedWithoutServiceAccount() {
        FcmAccessToken token = new FcmAccessToken(new ProviderHttp(8), JSON, clock, "demo-token", "");

        assertThat(token.current()).isEqualTo("demo-token");
        assertThat(token.projectId()).isNull();
    }

    @Test
    void apnsSendsSignedProviderToken() throws Exception {
        KeyPair signingKey = ecKeyPair();
        Path p8 = folder.resolve("AuthKey_ABC123DEFG.p8");
        Files.writeString(p8, pem(signingKey.getPrivate().getEncoded()));
        ApnsProviderToken token = new ApnsProviderToken(JSON, clock, "", p8.toString(), "ABC123DEFG", "TEAM123456");
        PushSender push = pushSender(new FcmAccessToken(new ProviderHttp(8), JSON, clock, "unused", ""), token);

        push.sendAsync(message("d-2"), List.of(new DeviceTokens.Device("iphone", DeviceTokens.Platform.APNS,
                "apns-device-token"))).join();

        String authorization = provider.requests().get(0).headers().get("authorization");
        assertThat(authorization).startsWith("bearer ");
        String jwt = authorization.substring("bearer ".length());
        Map<String, Object> header = part(jwt, 0);
        assertThat(header.get("kid")).isEqualTo("ABC123DEFG");
        Map<String, Object> claims = verifiedClaims(jwt, signingKey.getPublic(), "SHA256withECDSAinP1363Format",
                "ES256");
        assertThat(claims.get("iss")).isEqualTo("TEAM123456");
        assertThat(((Number) claims.get("iat")).longValue()).isEqualTo(clock.instant().getEpochSecond());
    }

    @Test
    void apnsTokenIsRenewedBeforeOneHour() throws Exception {
        KeyPair signingKey = ecKeyPair();
        Path p8 = folder.resolve("AuthKey.p8");
        Files.writeString(p8, pem(signingKey.getPrivate().getEncoded()));
        ApnsProviderToken token = new ApnsProviderToken(JSON, clock, "", p8.toString(), "KEY", "TEAM");

        String first = token.current();
        clock.advance(Duration.ofMinutes(49));
        String reused = token.current();
        clock.advance(Duration.ofMinutes(2));
        String renewed = token.current();

        assertThat(reused).isEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        long issuedAt = ((Number) verifiedClaims(renewed, signingKey.getPublic(), "SHA256withECDSAinP1363Format",
                "ES256").get("iat")).longValue();
        assertThat(issuedAt).isEqualTo(clock.instant().getEpochSecond());
    }

    private PushSender pushSender(FcmAccessToken fcmToken, ApnsProviderToken apnsToken) {
        provider.respond(request -> LoopbackProvider.Reply.ok("{\"name\": \"projects/solomo-test/messages/1\"}"));
        return new PushSender(new ProviderHttp(8), new DeviceTokens(null, clock), JSON, fcmToken, apnsToken,
                provider.url(), "", 0, provider.url(), "com.solomo.app", 0);
    }

    /** Starts a token endpoint that issues a token only for an assertion signed with the given public key. */
    private void startTokenEndpoint(PublicKey publicKey) throws IOException {
        tokenEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenEndpoint.createContext("/token", exchange -> {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                form.put(nameAndValue[0], URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
            }
            boolean valid = "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                    && signatureValid(form.get("assertion"), publicKey, "SHA256withRSA");
            byte[] body;
            if (valid) {
                assertions.add(form.get("assertion"));
                body = ("{\"access_token\": \"access-token-" + issued.incrementAndGet()
                        + "\", \"expires_in\": " + tokenLifetimeSeconds + ", \"token_type\": \"Bearer\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
            } else {
                body = "{\"error\": \"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokenEndpoint.start();
    }

    private String tokenUri() {
        return "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token";
    }

    private Path writeServiceAccount(KeyPair key) throws IOException {
        Map<String, Object> account = Map.of(
                "type", "service_account",
                "project_id", "solomo-test",
                "private_key_id", "key-1",
                "private_key", pem(key.getPrivate().getEncoded()),
                "client_email", "sender@solomo-test.iam.gserviceaccount.com",
                "token_uri", tokenUri());
        Path file = folder.resolve("service-account.json");
        Files.writeString(file, JSON.writeValueAsString(account));
        return file;
    }

    private static Map<String, Object> verifiedClaims(String jwt, PublicKey key, String verifier, String algorithm) {
        assertThat(signatureValid(jwt, key, verifier)).as("signature of %s", jwt).isTrue();
        assertThat(part(jwt, 0).get("alg")).isEqualTo(algorithm);
        return part(jwt, 1);
    }

    private static boolean signatureValid(String jwt, PublicKey key, String verifier) {
        String[] parts = jwt.split("\\.");
        try {
            Signature signature = Signature.getInstance(verifier);
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | RuntimeException invalid) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(String jwt, int index) {
        JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
        return JSON.convertValue(node, Map.class);
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static DeviceTokens.Device fcmDevice() {
        return new DeviceTokens.Device("android", DeviceTokens.Platform.FCM, "fcm-device-token");
    }

    private static OutboundMessage message(String deliveryId) {
        return new OutboundMessage(deliveryId, "decision-1", "customer-1", "STORE-WELCOME-10", null, Channel.PUSH,
                Language.FR, "-10 %", "-10 % aujourd'hui", null, null, null, null, 0, null);
    }

    /** A clock that the test moves forward. */
    private static final class SteppingClock extends Clock {

        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock stays in UTC");
        }
    }
}
