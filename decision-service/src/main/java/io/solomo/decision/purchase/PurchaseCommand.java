package io.solomo.decision.purchase;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A checked purchase, ready to record.
 *
 * @param occurredAt      when the purchase happened, the time of receipt when the body has none
 * @param occurredAtGiven true when the body gave {@code occurredAt}
 * @param couponCode      the coupon presented at the till, or null
 */
record PurchaseCommand(String purchaseId, String customerId, String storeId, Instant occurredAt,
                       boolean occurredAtGiven, String couponCode, List<Line> lines) {

    PurchaseCommand {
        Objects.requireNonNull(purchaseId, "purchaseId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        lines = List.copyOf(lines);
    }

    /** Returns the sum of the line amounts, in euros. */
    BigDecimal amount() {
        return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    List<String> productIds() {
        return lines.stream().map(Line::productId).distinct().toList();
    }

    /**
     * Returns the SHA-256 of the purchase's lines, in hexadecimal. The lines are not stored, so this fingerprint
     * separates a repeated request from another purchase under the same id. The other fields are compared with the
     * stored columns, where the customer id follows merges.
     */
    String fingerprint() {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append(line.productId()).append('\t').append(line.quantity()).append('\t')
                    .append(line.amount().toPlainString()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", unavailable);
        }
    }

    /** One line of the receipt; {@code amount} is the line total in euros. */
    record Line(String productId, int quantity, BigDecimal amount) {
    }
}
