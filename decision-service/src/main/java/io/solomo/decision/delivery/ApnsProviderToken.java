package io.solomo.decision.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider authentication token that APNs requires in {@code authorization: bearer <token>}. With
 * {@code solomo.delivery.push.apns.key-file} (the {@code .p8} signing key from the Apple developer account),
 * {@code key-id} and {@code team-id} set, the token is an ES256 JWT with header {@code kid} = key id and claims
 * {@code iss} = team id and {@code iat}. APNs rejects a token older than one hour and also one renewed more often than
 * every 20 minutes, so a token is reused for {@link #RENEW_AFTER}. Without a key file, the token configured in
 * {@code solomo.delivery.push.apns.auth-token} is used as it is.
 */
@Component
class ApnsProviderToken {

    static final Duration RENEW_AFTER = Duration.ofMinutes(50);
    private static final Logger log = LoggerFactory.getLogger(ApnsProviderToken.class);

    private final ObjectMapper json;
    private final Clock clock;
    private final String configuredToken;
    private final PrivateKey key;
    private final String keyId;
    private final String teamId;
    private String cachedToken;
    private Instant issuedAt = Instant.MIN;

    ApnsProviderToken(ObjectMapper json, Clock clock,
                      @Value("${solomo.delivery.push.apns.auth-token:}") String configuredToken,
                      @Value("${solomo.delivery.push.apns.key-file:}") String keyFile,
                      @Value("${solomo.delivery.push.apns.key-id:}") String keyId,
                      @Value("${solomo.delivery.push.apns.team-id:}") String teamId) {
        this.json = json;
        this.clock = clock;
        this.configuredToken = configuredToken;
        this.keyId = keyId == null ? "" : keyId.trim();
        this.teamId = teamId == null ? "" : teamId.trim();
        this.key = keyFile == null || keyFile.isBlank() ? null : readKey(Path.of(keyFile.trim()));
        if (key != null && (this.keyId.isEmpty() || this.teamId.isEmpty())) {
            throw new IllegalStateException("solomo.delivery.push.apns.key-file is set, so "
                    + "solomo.delivery.push.apns.key-id and solomo.delivery.push.apns.team-id must be set too");
        }
    }

    /** Returns the token to send: the cached JWT while it is younger than {@link #RENEW_AFTER}, else a new one. */
    synchronized String current() {
        if (key == null) {
            return configuredToken;
        }
        Instant now = clock.instant();
        if (cachedToken == null || !now.isBefore(issuedAt.plus(RENEW_AFTER))) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "ES256");
            header.put("kid", keyId);
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", teamId);
            claims.put("iat", now.getEpochSecond());
            cachedToken = CompactJws.sign(json, header, claims, key);
            issuedAt = now;
            log.info("Signed a new APNs provider token with key {} of team {}", keyId, teamId);
        }
        return cachedToken;
    }

    private static PrivateKey readKey(Path file) {
        try {
            return CompactJws.privateKey(Files.readString(file), "EC", file.toString());
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot read the APNs signing key " + file
                    + " (solomo.delivery.push.apns.key-file)", failed);
        }
    }
}
