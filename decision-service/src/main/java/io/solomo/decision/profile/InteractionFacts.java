package io.solomo.decision.profile;

import io.solomo.decision.web.InvalidFieldException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the progressive profile reads from one interaction: its type and time, the store it happened in, and for
 * a purchase its lines and total amount.
 *
 * @param storeId null when the interaction did not happen in a store
 * @param amount  the purchase total, zero for other interactions
 */
record InteractionFacts(InteractionType type, Instant occurredAt, String storeId, BigDecimal amount,
                        List<Line> lines) {

    static final int MAX_STORE_ID_LENGTH = 200;

    InteractionFacts {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        lines = List.copyOf(lines);
    }

    /**
     * Reads the facts from an interaction's {@code attributes}: {@code storeId}, and for a purchase {@code lines}
     * ({@code product}, {@code category}, {@code quantity}, {@code amount}) and an optional {@code amount} total,
     * which defaults to the sum of the lines.
     *
     * @throws InvalidFieldException naming the attribute, for example {@code attributes.lines[1].amount}
     */
    static InteractionFacts read(InteractionType type, Instant occurredAt, JsonNode attributes) {
        String storeId = optionalText(attributes, "storeId", MAX_STORE_ID_LENGTH);
        if (type != InteractionType.PURCHASE) {
            return new InteractionFacts(type, occurredAt, storeId, BigDecimal.ZERO, List.of());
        }

        List<Line> lines = new ArrayList<>();
        JsonNode lineNodes = attributes == null ? null : attributes.get("lines");
        if (lineNodes != null && !lineNodes.isNull()) {
            if (!lineNodes.isArray()) {
                throw new InvalidFieldException("attributes.lines", lineNodes.toString(),
                        "attributes.lines must be an array of {product, category, quantity, amount}");
            }
            for (int index = 0; index < lineNodes.size(); index++) {
                lines.add(Line.read(lineNodes.get(index), "attributes.lines[" + index + "]"));
            }
        }
        BigDecimal total = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        JsonNode amountNode = attributes == null ? null : attributes.get("amount");
        if (amountNode != null && !amountNode.isNull()) {
            total = readAmount(amountNode, "attributes.amount");
        }
        if (lines.isEmpty() && (amountNode == null || amountNode.isNull())) {
            throw new InvalidFieldException("attributes.lines", null,
                    "a PURCHASE needs attributes.lines or attributes.amount");
        }
        return new InteractionFacts(type, occurredAt, storeId, total, lines);
    }

    private static String optionalText(JsonNode attributes, String name, int maxLength) {
        JsonNode node = attributes == null ? null : attributes.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        String field = "attributes." + name;
        if (!node.isString() || node.asString().isBlank()) {
            throw new InvalidFieldException(field, node.toString(), field + " must be a non-empty string");
        }
        String text = node.asString().trim();
        if (text.length() > maxLength) {
            throw new InvalidFieldException(field, text, field + " must have at most " + maxLength + " characters");
        }
        return text;
    }

    private static BigDecimal readAmount(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw new InvalidFieldException(field, node.toString(), field + " must be a number, such as 12.50");
        }
        // The request tree keeps decimals exact, but a tree read as doubles turns 1e400 into infinity.
        if (node.isDouble() && !Double.isFinite(node.asDouble())) {
            throw new InvalidFieldException(field, null, field + " must be between 0 and 10,000,000");
        }
        BigDecimal amount = node.decimalValue();
        if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
            throw new InvalidFieldException(field, amount, field + " must be between 0 and 10,000,000, got " + amount);
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidFieldException(field, amount, field + " must have at most 2 decimals (cents), got "
                    + amount);
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** One purchase line; {@code amount} is the line total. */
    record Line(String product, String category, int quantity, BigDecimal amount) {

        static Line read(JsonNode node, String field) {
            if (node == null || !node.isObject()) {
                throw new InvalidFieldException(field, node == null ? null : node.toString(),
                        field + " must be an object {product, category, quantity, amount}");
            }
            String product = optionalText(node, "product", 200, field);
            String category = optionalText(node, "category", 200, field);
            JsonNode quantityNode = node.get("quantity");
            int quantity = 1;
            if (quantityNode != null && !quantityNode.isNull()) {
                if (!quantityNode.isIntegralNumber() || quantityNode.asLong() < 1 || quantityNode.asLong() > 1_000_000) {
                    throw new InvalidFieldException(field + ".quantity", quantityNode.toString(),
                            field + ".quantity must be a whole number from 1 to 1,000,000");
                }
                quantity = quantityNode.asInt();
            }
            JsonNode amountNode = node.get("amount");
            if (amountNode == null || amountNode.isNull()) {
                throw new InvalidFieldException(field + ".amount", null, field + ".amount is missing");
            }
            return new Line(product, category, quantity, readAmount(amountNode, field + ".amount"));
        }

        private static String optionalText(JsonNode node, String name, int maxLength, String parent) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            String field = parent + "." + name;
            if (!value.isString() || value.asString().isBlank()) {
                throw new InvalidFieldException(field, value.toString(), field + " must be a non-empty string");
            }
            String text = value.asString().trim();
            if (text.length() > maxLength) {
                throw new InvalidFieldException(field, text, field + " must have at most " + maxLength + " characters");
            }
            return text;
        }
    }
}
