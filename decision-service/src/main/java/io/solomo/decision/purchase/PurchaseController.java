package io.solomo.decision.purchase;

import io.solomo.decision.catalogue.Product;
import io.solomo.decision.catalogue.ProductCatalogue;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.RejectUnknownFields;
import io.solomo.decision.web.WholeNumberDeserializer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Purchases from a point of sale: {@code POST /api/v1/purchases} with the lines and an optional coupon code.
 * Returns 201 with the recorded purchase, or 200 with {@code replayed: true} when the same purchase was recorded
 * before, and 409 when its purchase id was recorded with another body. An unknown customer or store is a 404. A
 * coupon that cannot be redeemed fails the whole call with the coupon's problem (409 when already redeemed, 403 when
 * issued to another customer) and nothing is stored.
 */
@RestController
class PurchaseController {

    static final int MAX_ID_LENGTH = 100;
    /** The maximum purchase id length, because the id also ends its interaction's event id of up to 100 characters. */
    static final int MAX_PURCHASE_ID_LENGTH = MAX_ID_LENGTH - PurchaseRecording.EVENT_PREFIX.length();
    static final int MAX_LINES = 500;
    /** The largest line amount, and the largest purchase total, in euros. */
    static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(10_000_000);
    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private final PurchaseRecording recording;
    private final ProductCatalogue catalogue;
    private final Clock clock;

    PurchaseController(PurchaseRecording recording, ProductCatalogue catalogue, Clock clock) {
        this.recording = recording;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @PostMapping("/api/v1/purchases")
    ResponseEntity<PurchaseRecording.Recorded> post(@RequestBody PurchaseBody body, Principal caller) {
        PurchaseCommand command = check(body);

        PurchaseRecording.Recorded recorded = recording.record(command, caller.getName());

        return ResponseEntity.status(recorded.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(recorded);
    }

    @GetMapping("/api/v1/purchases/{purchaseId}")
    PurchaseRecording.Recorded get(@PathVariable String purchaseId) {
        return recording.find(purchaseId)
                .orElseThrow(() -> new NotFoundException("purchase", "purchaseId", purchaseId));
    }

    private PurchaseCommand check(PurchaseBody body) {
        if (body == null) {
            throw new InvalidFieldException("purchase", null,
                    "the body must be {purchaseId, customerId, storeId, occurredAt, couponCode, lines}");
        }
        String purchaseId = id("purchaseId", body.purchaseId(), true, MAX_PURCHASE_ID_LENGTH);
        String customerId = id("customerId", body.customerId(), true);
        String storeId = id("storeId", body.storeId(), true);
        String couponCode = id("couponCode", body.couponCode(), false);
        boolean occurredAtGiven = body.occurredAt() != null && !body.occurredAt().isBlank();
        Instant occurredAt = occurredAt(body.occurredAt());
        if (body.lines() == null || body.lines().isEmpty()) {
            throw new InvalidFieldException("lines", null, "lines, the products bought, is missing or empty");
        }
        if (body.lines().size() > MAX_LINES) {
            throw new InvalidFieldException("lines", body.lines().size(),
                    "a purchase may have at most " + MAX_LINES + " lines");
        }

        Map<String, Product> products = catalogue.findAll(body.lines().stream()
                .map(line -> line == null ? null : line.productId()).filter(id -> id != null).toList());
        List<PurchaseCommand.Line> lines = new ArrayList<>();
        for (int index = 0; index < body.lines().size(); index++) {
            lines.add(line(body.lines().get(index), "lines[" + index + "]", products));
        }
        PurchaseCommand purchase = new PurchaseCommand(purchaseId, customerId, storeId, occurredAt, occurredAtGiven,
                couponCode, lines);
        // Each line is capped, but 500 of them could still earn more points than the loyalty ledger can count.
        if (purchase.amount().compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidFieldException("lines", purchase.amount().toPlainString(), "the purchase total, "
                    + purchase.amount().toPlainString() + " euros, is above the maximum of 10,000,000 euros");
        }
        return purchase;
    }

    private static PurchaseCommand.Line line(LineBody line, String field, Map<String, Product> products) {
        if (line == null) {
            throw new InvalidFieldException(field, null, field + " must be an object {productId, quantity, amount}");
        }
        String productId = id(field + ".productId", line.productId(), true);
        if (!products.containsKey(productId)) {
            throw new InvalidFieldException(field + ".productId", productId,
                    "product " + productId + " is not in the catalogue (GET /api/v1/products)");
        }
        int quantity = line.quantity() == null ? 1 : line.quantity();
        if (quantity < 1 || quantity > 1_000_000) {
            throw new InvalidFieldException(field + ".quantity", quantity,
                    field + ".quantity must be a whole number from 1 to 1,000,000");
        }
        BigDecimal amount = line.amount();
        if (amount == null || amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidFieldException(field + ".amount", amount,
                    field + ".amount, the line total in euros, must be between 0 and 10,000,000");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidFieldException(field + ".amount", amount, field + ".amount, the line total in euros, "
                    + "must have at most 2 decimals (cents), got " + amount);
        }
        return new PurchaseCommand.Line(productId, quantity, amount.setScale(2, RoundingMode.UNNECESSARY));
    }

    private static String id(String field, String value, boolean required) {
        return id(field, value, required, MAX_ID_LENGTH);
    }

    private static String id(String field, String value, boolean required, int maxLength) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidFieldException(field, value, field + " is missing");
            }
            return null;
        }
        String id = value.trim();
        if (id.length() > maxLength) {
            throw new InvalidFieldException(field, id, field + " must have at most " + maxLength + " characters");
        }
        return id;
    }

    private Instant occurredAt(String value) {
        Instant now = clock.instant();
        if (value == null || value.isBlank()) {
            return now;
        }
        Instant occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException invalid) {
            throw new InvalidFieldException("occurredAt", value, "occurredAt must be an ISO-8601 timestamp with "
                    + "an offset, such as 2026-12-04T10:15:00Z");
        }
        if (occurredAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new InvalidFieldException("occurredAt", value, "occurredAt is more than "
                    + MAX_CLOCK_SKEW.toHours() + " hour in the future");
        }
        return occurredAt;
    }

    /** A purchase as the point of sale posts it; {@code occurredAt} defaults to now. */
    @RejectUnknownFields
    record PurchaseBody(String purchaseId, String customerId, String storeId, String occurredAt, String couponCode,
                        List<LineBody> lines) {
    }

    /**
     * {@code quantity} is a whole number and defaults to 1, as {@code 2.0} is read as 2 and {@code 1.5} is rejected;
     * {@code amount} is the line total in euros.
     */
    record LineBody(String productId, @JsonDeserialize(using = WholeNumberDeserializer.class) Integer quantity,
                    BigDecimal amount) {
    }
}
