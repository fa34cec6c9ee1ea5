package io.solomo.decision.coupon;

import io.solomo.decision.SettingChecks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Issues coupon codes and builds the public URL of their QR image.
 *
 * <p>A code is ten random characters and a four-character HMAC-SHA256 tag over them, in Crockford's base32
 * (no I, L, O or U, so a cashier cannot misread it), grouped as {@code XXXXX-XXXXX-TTTT}. A point of sale can reject a
 * mistyped or forged code from the tag alone, before looking it up.
 */
@Service
public class CouponIssuer {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int RANDOM_LENGTH = 10;
    private static final int TAG_LENGTH = 4;

    private final CouponRepository coupons;
    private final JdbcTemplate jdbc;
    private final SecretKeySpec key;
    private final String publicBaseUrl;
    private final SecureRandom random = new SecureRandom();

    CouponIssuer(CouponRepository coupons, JdbcTemplate jdbc, @Value("${solomo.coupons.secret}") String secret,
                 @Value("${solomo.public-base-url}") String publicBaseUrl) {
        this.coupons = coupons;
        this.jdbc = jdbc;
        this.key = new SecretKeySpec(SettingChecks.secret("solomo.coupons.secret", secret)
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /** Issues and stores a new coupon, and returns it. */
    public Coupon issue(String offerId, String customerId, String storeId, String decisionId, Instant issuedAt,
                        Instant expiresAt) {
        return coupons.save(draw(offerId, customerId, storeId, decisionId, issuedAt, expiresAt));
    }

    /** Issues a new coupon without storing it: {@link #storeAll} stores it, in the transaction that uses it. */
    public Coupon draw(String offerId, String customerId, String storeId, String decisionId, Instant issuedAt,
                       Instant expiresAt) {
        char[] body = new char[RANDOM_LENGTH];
        for (int i = 0; i < body.length; i++) {
            body[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        String randomPart = new String(body);
        String code = randomPart.substring(0, 5) + "-" + randomPart.substring(5) + "-" + tag(randomPart);
        return new Coupon(code, offerId, customerId, storeId, decisionId, issuedAt, expiresAt);
    }

    /**
     * Stores coupons from {@link #draw} with one JDBC batch in the caller's transaction, without loading them into
     * the persistence context. A code issued twice fails on the primary key instead of overwriting a coupon.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void storeAll(List<Coupon> drawn) {
        if (drawn.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into coupon (code, offer_id, customer_id, store_id, decision_id, issued_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?)""", drawn, drawn.size(), (statement, coupon) -> {
            statement.setString(1, coupon.code());
            statement.setString(2, coupon.offerId());
            statement.setString(3, coupon.customerId());
            statement.setString(4, coupon.storeId());
            statement.setString(5, coupon.decisionId());
            statement.setObject(6, utc(coupon.issuedAt()));
            statement.setObject(7, utc(coupon.expiresAt()));
        });
    }

    /** Returns true when the code's tag matches its random part. */
    public boolean hasValidSignature(String code) {
        if (code == null || code.length() != RANDOM_LENGTH + TAG_LENGTH + 2) {
            return false;
        }
        String plain = code.replace("-", "");
        if (plain.length() != RANDOM_LENGTH + TAG_LENGTH) {
            return false;
        }
        return tag(plain.substring(0, RANDOM_LENGTH)).equals(plain.substring(RANDOM_LENGTH));
    }

    public Optional<Coupon> find(String code) {
        return coupons.findById(code);
    }

    /** Returns the public URL of the coupon's QR image. */
    public String qrCodeUrl(String code) {
        return publicBaseUrl + "/coupons/" + code + "/qr.png";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private String tag(String randomPart) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(randomPart.getBytes(StandardCharsets.US_ASCII));
            char[] tag = new char[TAG_LENGTH];
            for (int i = 0; i < TAG_LENGTH; i++) {
                tag[i] = ALPHABET[(digest[i] & 0xff) % ALPHABET.length];
            }
            return new String(tag);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", unavailable);
        }
    }
}
