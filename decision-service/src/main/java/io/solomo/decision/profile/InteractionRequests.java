package io.solomo.decision.profile;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.RequestFields;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks one posted interaction, {@code {"eventId", "type", "occurredAt", "customerId", "identities": [{"type",
 * "value"}], "attributes": {...}}}, and turns it into a command. Every failure names the field, relative to the
 * interaction.
 */
final class InteractionRequests {

    static final int MAX_ID_LENGTH = 100;
    static final int MAX_ATTRIBUTES_LENGTH = 100_000;
    /** How far ahead of the server's clock an event may be dated, to allow for clock drift on devices. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    /** The fields of an interaction; the free-form data goes in {@code attributes}. */
    private static final List<String> FIELDS = List.of("eventId", "type", "occurredAt", "customerId", "identities",
            "attributes");

    /**
     * Types that only the server records, so the interaction API rejects them: REVIEW_POSTED when a marketer
     * approves a review posted to {@code /api/v1/reviews}, which raises the review count and advocacy score.
     */
    static final Set<InteractionType> SERVER_RECORDED_TYPES = EnumSet.of(InteractionType.REVIEW_POSTED);

    private InteractionRequests() {
    }

    /**
     * Checks an interaction that a channel posted to the interaction API, which may not be of a type in
     * {@link #SERVER_RECORDED_TYPES}.
     */
    static InteractionCommand readReported(JsonNode node, Instant now) {
        return read(node, now, true);
    }

    /** Checks an interaction that another feature of the server records, of any type. */
    static InteractionCommand read(JsonNode node, Instant now) {
        return read(node, now, false);
    }

    private static InteractionCommand read(JsonNode node, Instant now, boolean reported) {
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException("interaction", node == null ? null : node.toString(),
                    "an interaction must be a JSON object");
        }
        RequestFields.requireKnownFields(node, "", FIELDS);
        RequestFields.requireStorableStrings(node, "");
        String eventId = id(node, "eventId", true);
        InteractionType type = type(node, reported);
        Instant occurredAt = occurredAt(node, now);
        String customerId = id(node, "customerId", false);
        List<IdentityKey> identities = identities(node.get("identities"));
        if (customerId == null && identities.isEmpty()) {
            throw new InvalidFieldException("identities", null,
                    "an interaction needs a customerId or at least one identity");
        }

        JsonNode attributes = node.get("attributes");
        if (attributes != null && !attributes.isNull() && !attributes.isObject()) {
            throw new InvalidFieldException("attributes", attributes.toString(), "attributes must be a JSON object");
        }
        String attributesJson = attributes == null || attributes.isNull() ? "{}" : attributes.toString();
        if (attributesJson.length() > MAX_ATTRIBUTES_LENGTH) {
            throw new InvalidFieldException("attributes", null,
                    "attributes must have at most " + MAX_ATTRIBUTES_LENGTH + " characters of JSON");
        }
        InteractionFacts facts = InteractionFacts.read(type, occurredAt,
                attributes == null || attributes.isNull() ? null : attributes);
        return new InteractionCommand(eventId, customerId, identities, facts, attributesJson);
    }

    /** Returns the event id of a posted interaction when it has a readable one, for the report of a rejected row. */
    static String eventIdOf(JsonNode node) {
        JsonNode eventId = node == null || !node.isObject() ? null : node.get("eventId");
        return eventId != null && eventId.isString() ? eventId.asString() : null;
    }

    private static String id(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidFieldException(field, null, field + " is missing");
            }
            return null;
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw new InvalidFieldException(field, value.toString(), field + " must be a non-empty string");
        }
        String id = value.asString().trim();
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidFieldException(field, id, field + " must have at most " + MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    private static InteractionType type(JsonNode node, boolean reported) {
        String accepted = reported ? reportedTypeNames() : InteractionType.names();
        JsonNode value = node.get("type");
        if (value == null || value.isNull() || !value.isString()) {
            throw new InvalidFieldException("type", value == null ? null : value.toString(),
                    "type is missing; expected one of " + accepted);
        }
        InteractionType type;
        try {
            type = InteractionType.valueOf(value.asString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException("type", value.asString(),
                    "unknown type '" + value.asString() + "'; expected one of " + accepted);
        }
        if (reported && SERVER_RECORDED_TYPES.contains(type)) {
            throw new InvalidFieldException("type", value.asString(), "type " + type + " is recorded by the server, "
                    + "not reported: REVIEW_POSTED when a marketer approves a review posted to /api/v1/reviews; "
                    + "expected one of " + accepted);
        }
        return type;
    }

    private static String reportedTypeNames() {
        return Arrays.stream(InteractionType.values()).filter(type -> !SERVER_RECORDED_TYPES.contains(type))
                .map(Enum::name).collect(Collectors.joining(", "));
    }

    private static Instant occurredAt(JsonNode node, Instant now) {
        JsonNode value = node.get("occurredAt");
        if (value == null || value.isNull() || !value.isString()) {
            throw new InvalidFieldException("occurredAt", value == null ? null : value.toString(),
                    "occurredAt is missing; expected an ISO-8601 timestamp with an offset, such as "
                            + "2026-12-04T10:15:00Z");
        }
        Instant occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(value.asString().trim()).toInstant();
        } catch (DateTimeParseException invalid) {
            throw new InvalidFieldException("occurredAt", value.asString(), "occurredAt must be an ISO-8601 "
                    + "timestamp with an offset, such as 2026-12-04T10:15:00Z; got '" + value.asString() + "'");
        }
        RequestFields.requireSaneInstant("occurredAt", occurredAt, value.asString());
        if (occurredAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new InvalidFieldException("occurredAt", value.asString(),
                    "occurredAt is more than " + MAX_CLOCK_SKEW.toHours() + " hour in the future");
        }
        return occurredAt;
    }

    private static List<IdentityKey> identities(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidFieldException("identities", node.toString(),
                    "identities must be an array of {\"type\", \"value\"}");
        }
        Set<IdentityKey> keys = new LinkedHashSet<>();
        for (int index = 0; index < node.size(); index++) {
            keys.add(identity(node.get(index), "identities[" + index + "]"));
        }
        return new ArrayList<>(keys);
    }

    private static IdentityKey identity(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException(field, node == null ? null : node.toString(),
                    field + " must be an object {\"type\", \"value\"}");
        }
        RequestFields.requireKnownFields(node, field, List.of("type", "value"));
        JsonNode typeNode = node.get("type");
        IdentityType type;
        try {
            type = IdentityType.valueOf(typeNode == null || !typeNode.isString() ? ""
                    : typeNode.asString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException(field + ".type", typeNode == null ? null : typeNode.toString(),
                    field + ".type must be one of " + IdentityTypes.names());
        }
        JsonNode valueNode = node.get("value");
        String raw = valueNode == null || !valueNode.isString() ? null : valueNode.asString();
        try {
            return IdentityKey.normalise(type, raw);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidFieldException(field + ".value", raw, field + ".value: " + invalid.getMessage());
        }
    }
}
