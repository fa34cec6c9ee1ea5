package io.solomo.decision.delivery;

import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * Signs JSON Web Tokens in the compact serialization (RFC 7515): {@code base64url(header).base64url(claims).base64url(signature)},
 * with RS256 (RSASSA-PKCS1-v1_5 with SHA-256) or ES256 (ECDSA P-256 with SHA-256, the signature as the 64 bytes
 * R || S that RFC 7518 requires rather than the DER form of {@code SHA256withECDSA}).
 */
final class CompactJws {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private CompactJws() {
    }

    /** Signs the claims with the algorithm named in the header's {@code alg}: {@code RS256} or {@code ES256}. */
    static String sign(ObjectMapper json, Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        String algorithm = String.valueOf(header.get("alg"));
        String signingInput = encode(json.writeValueAsBytes(header)) + "." + encode(json.writeValueAsBytes(claims));
        try {
            Signature signature = Signature.getInstance(switch (algorithm) {
                case "RS256" -> "SHA256withRSA";
                case "ES256" -> "SHA256withECDSAinP1363Format";
                default -> throw new IllegalArgumentException("unsupported JWS algorithm " + algorithm
                        + "; expected RS256 or ES256");
            });
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(signature.sign());
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("signing a " + algorithm + " token failed: " + failed.getMessage(), failed);
        }
    }

    /**
     * Reads a PKCS #8 private key in PEM form ({@code -----BEGIN PRIVATE KEY-----}), as Google service-account JSON
     * files and Apple {@code .p8} files contain it.
     *
     * @param keyAlgorithm {@code RSA} or {@code EC}
     * @param source       where the key comes from, named in the error when it cannot be read
     */
    static PrivateKey privateKey(String pem, String keyAlgorithm, String source) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(keyAlgorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException invalid) {
            throw new IllegalStateException("the " + keyAlgorithm + " private key in " + source
                    + " is not a PKCS #8 key in PEM form (-----BEGIN PRIVATE KEY-----): " + invalid.getMessage(),
                    invalid);
        }
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
