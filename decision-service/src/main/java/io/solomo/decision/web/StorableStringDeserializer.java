package io.solomo.decision.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Reads JSON strings as Jackson does, but rejects a string that contains the NUL character (U+0000). PostgreSQL cannot
 * store that character in a text column and fails the whole transaction on it, so it is reported as the field's
 * invalid value before anything is written, on H2 as on PostgreSQL.
 */
final class StorableStringDeserializer extends StringDeserializer {

    static final String NUL_DETAIL = "contains the NUL character (U+0000), which cannot be stored; remove it";
    /** The French counterpart of {@link #NUL_DETAIL}, for {@code detailFr}. */
    static final String NUL_DETAIL_FR = "contient le caractère NUL (U+0000), qui ne peut pas être enregistré ; "
            + "retirez-le.";

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        if (value != null && value.indexOf('\0') >= 0) {
            return (String) context.handleWeirdStringValue(String.class, value, NUL_DETAIL);
        }
        return value;
    }
}
