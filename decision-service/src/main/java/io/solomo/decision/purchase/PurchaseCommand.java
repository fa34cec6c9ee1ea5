package io.solomo.decision.purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A checked purchase, ready to record.
 *
 * @param couponCode the coupon presented at the till, or null
 */
record PurchaseCommand(String purchaseId, String customerId, String storeId, Instant occurredAt, String couponCode,
                       List<Line> lines) {

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

    /** One line of the receipt; {@code amount} is the line total in euros. */
    record Line(String productId, int quantity, BigDecimal amount) {
    }
}
