package io.solomo.decision.delivery;

import io.solomo.decision.SettingChecks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** HMAC-SHA256 signatures in lowercase hex, for webhooks and unsubscribe links. */
final class Hmac {

    private final SecretKeySpec key;

    /** @param setting the property that gives the secret, named when the secret is too short */
    Hmac(String setting, String secret) {
        this.key = new SecretKeySpec(SettingChecks.secret(setting, secret).getBytes(StandardCharsets.UTF_8),
                "HmacSHA256");
    }

    String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", unavailable);
        }
    }

    /** Compares in constant time, so the comparison does not reveal how much of a forged signature was right. */
    boolean verify(String text, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
