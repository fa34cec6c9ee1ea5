package io.solomo.decision.location;

import io.solomo.decision.web.InvalidFieldException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reading of the values that tracking apps send: numbers that arrive as JSON strings, {@code -1} for an unknown
 * speed or heading, and timestamps as epoch seconds, epoch milliseconds or date-times.
 */
final class TrackerPayloads {

    private static final DateTimeFormatter SPACED_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TrackerPayloads() {
    }

    /** Returns the number in a JSON field, sent as a number or as a string, or null when absent or blank. */
    static Double number(JsonNode object, String field, String name) {
        JsonNode value = object == null ? null : object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return number(value.isString() ? value.stringValue() : value.toString(), name);
    }

    /** Parses a number sent as text; null or blank text is null. */
    static Double number(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(text.trim());
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException("not finite");
            }
            return parsed;
        } catch (NumberFormatException invalid) {
            throw new InvalidFieldException(name, text, name + " must be a number, got '" + text + "'");
        }
    }

    /** Returns the value, or null when it is negative: apps send -1 for an unknown speed, heading or accuracy. */
    static Double unlessNegative(Double value) {
        return value == null || value < 0 ? null : value;
    }

    /**
     * Parses a timestamp: epoch seconds (up to 11 digits), epoch milliseconds (12 digits or more), an ISO-8601
     * date-time with an offset, or {@code yyyy-MM-dd HH:mm:ss} (also with {@code T}) read as UTC.
     */
    static Instant timestamp(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (trimmed.matches("\\d{1,11}(\\.\\d+)?")) {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(trimmed) * 1000));
        }
        if (trimmed.matches("\\d{12,}")) {
            return Instant.ofEpochMilli(Long.parseLong(trimmed));
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(trimmed.replace('T', ' '), SPACED_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException invalid) {
                throw new InvalidFieldException(name, text, name + " must be epoch seconds, epoch milliseconds or "
                        + "an ISO-8601 date-time such as 2026-12-04T10:15:00Z; got '" + text + "'");
            }
        }
    }

    /** Returns the text of a JSON field sent as a string or a number, or null. */
    static String text(JsonNode object, String field) {
        JsonNode value = object == null ? null : object.get(field);
        if (value == null || value.isNull() || !(value.isString() || value.isNumber())) {
            return null;
        }
        String text = value.asString().trim();
        return text.isEmpty() ? null : text;
    }

    /**
     * Returns an event id derived from the device, time and position, so that an app resending the same fix after a
     * lost response is recognised as a replay.
     */
    static String eventId(String source, String deviceId, Instant recordedAt, double latitude, double longitude) {
        String key = source + "|" + deviceId + "|" + recordedAt.toEpochMilli() + "|" + latitude + "|" + longitude;
        return source + "-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
