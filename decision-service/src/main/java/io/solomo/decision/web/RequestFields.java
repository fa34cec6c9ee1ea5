package io.solomo.decision.web;

import io.solomo.model.Channel;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Checks of request fields shared by the controllers; each failure names the field and the value. */
public final class RequestFields {

    /** The first year of the timestamps accepted, in UTC. */
    public static final int FIRST_YEAR = 2000;
    /** The last year of the timestamps accepted, in UTC. */
    public static final int LAST_YEAR = 2100;

    private static final Instant EARLIEST_INSTANT = Year.of(FIRST_YEAR).atDay(1).atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    private static final Instant AFTER_LATEST_INSTANT = Year.of(LAST_YEAR + 1).atDay(1).atStartOfDay()
            .toInstant(ZoneOffset.UTC);

    private RequestFields() {
    }

    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, value, field + " is missing", field + " est absent.");
        }
        return requireStorable(field, value.trim());
    }

    /** Returns the text, or rejects it when it contains the NUL character, which the database cannot store. */
    public static String requireStorable(String field, String text) {
        if (text != null && text.indexOf('\0') >= 0) {
            throw new InvalidFieldException(field, text, field + " " + StorableStringDeserializer.NUL_DETAIL,
                    field + " " + StorableStringDeserializer.NUL_DETAIL_FR);
        }
        return text;
    }

    /**
     * Rejects the first string of a JSON tree, a field name included, that contains the NUL character. Bodies read as
     * records get the same check from {@link StorableStringDeserializer}; a tree is read without it.
     *
     * @param path the tree's path in the body, or empty for the body itself
     */
    public static void requireStorableStrings(JsonNode node, String path) {
        if (node.isString()) {
            requireStorable(path, node.asString());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireStorableStrings(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (String name : node.propertyNames()) {
                String field = path.isEmpty() ? name : path + "." + name;
                requireStorable(field, name);
                requireStorableStrings(node.get(name), field);
            }
        }
    }

    /** Returns the trimmed text, or rejects it when it is missing or longer than {@code maxLength} characters. */
    public static String requireText(String field, String value, int maxLength) {
        return requireMaxLength(field, requireText(field, value), maxLength);
    }

    /** Returns the trimmed text, null for a missing or blank one, or rejects it when longer than {@code maxLength}. */
    public static String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return requireMaxLength(field, requireStorable(field, value.trim()), maxLength);
    }

    private static String requireMaxLength(String field, String text, int maxLength) {
        if (text.length() > maxLength) {
            throw new InvalidFieldException(field, text, field + " must have at most " + maxLength
                    + " characters, got " + text.length(), field + " doit compter au plus " + maxLength
                    + " caractères, il en compte " + text.length() + ".");
        }
        return text;
    }

    public static double requireLatitude(String field, Double value) {
        if (value == null) {
            throw new InvalidFieldException(field, null, field + " is missing", field + " est absent.");
        }
        if (!Double.isFinite(value) || value < -90 || value > 90) {
            throw new InvalidFieldException(field, value, field + " must be within -90..90 degrees, got " + value,
                    field + " doit être compris entre -90 et 90 degrés, reçu " + value + ".");
        }
        return value;
    }

    public static double requireLongitude(String field, Double value) {
        if (value == null) {
            throw new InvalidFieldException(field, null, field + " is missing", field + " est absent.");
        }
        if (!Double.isFinite(value) || value < -180 || value > 180) {
            throw new InvalidFieldException(field, value, field + " must be within -180..180 degrees, got " + value,
                    field + " doit être compris entre -180 et 180 degrés, reçu " + value + ".");
        }
        return value;
    }

    /** Parses an optional channel name; null stays null. */
    public static Channel optionalChannel(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Channel.parse(value);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException(field, value, field + ": " + unknown.getMessage());
        }
    }

    /**
     * Parses an optional ISO-8601 timestamp with an offset, such as {@code 2026-12-04T10:15:00Z}; null stays null.
     *
     * @throws InvalidFieldException when the text is not such a timestamp or falls outside the years
     *                               {@value #FIRST_YEAR} to {@value #LAST_YEAR} (see {@link #requireSaneInstant})
     */
    public static Instant optionalInstant(String field, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException invalid) {
            throw new InvalidFieldException(field, value, field + " must be an ISO-8601 timestamp with an offset, "
                    + "such as 2026-12-04T10:15:00Z; got '" + value + "'", field + " doit être un horodatage "
                    + "ISO-8601 avec décalage horaire, par exemple 2026-12-04T10:15:00Z ; reçu "
                    + FrenchDetails.quoted(value) + ".");
        }
        return requireSaneInstant(field, instant, value);
    }

    /**
     * Rejects a timestamp outside the years {@value #FIRST_YEAR} to {@value #LAST_YEAR} (UTC). A year such as
     * +999999999 parses, but it overflows the conversion to local time, and no contact, fix or consent of this
     * service can happen then.
     *
     * @param sent the text received, named in the error
     */
    public static Instant requireSaneInstant(String field, Instant instant, String sent) {
        if (instant.isBefore(EARLIEST_INSTANT) || !instant.isBefore(AFTER_LATEST_INSTANT)) {
            throw new InvalidFieldException(field, sent, field + " must be within the years " + FIRST_YEAR + " to "
                    + LAST_YEAR + " (UTC), got '" + sent + "'", field + " doit tomber entre les années " + FIRST_YEAR
                    + " et " + LAST_YEAR + " (UTC), reçu " + FrenchDetails.quoted(sent) + ".");
        }
        return instant;
    }

    /**
     * Rejects a field of a JSON object that its endpoint does not read, so that a misspelt field is reported instead
     * of ignored. Bodies read as records get the same check from {@link RejectUnknownFields}.
     *
     * @param path   the object's path in the body, such as {@code identities[0]}, or empty for the body itself
     * @param fields the fields the endpoint reads, in the order to list them
     */
    public static void requireKnownFields(JsonNode object, String path, List<String> fields) {
        for (String name : object.propertyNames()) {
            if (!fields.contains(name)) {
                String field = path.isEmpty() ? name : path + "." + name;
                JsonNode value = object.get(name);
                throw new InvalidFieldException(field, value.isValueNode() ? value.asString() : value.toString(),
                        "field " + field + " is unknown; the accepted fields are " + String.join(", ", fields),
                        "Le champ " + field + " est inconnu ; les champs acceptés sont " + String.join(", ", fields)
                                + ".");
            }
        }
    }
}
