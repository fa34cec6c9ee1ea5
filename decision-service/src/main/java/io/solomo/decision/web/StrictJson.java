package io.solomo.decision.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The strict reading of JSON request bodies. Every body rejects a key that appears twice in one object, because
 * Jackson would otherwise keep the last value without a word. The bodies that apps and marketers write (the
 * {@link RejectUnknownFields} types and the decision body) also reject scalar coercion: text such as
 * {@code "48.85"} for a number, and a number or {@code true} for text. Bodies that third parties send (tracker
 * fixes, SMS replies, delivery receipts) keep Jackson's coercion, since their senders cannot be fixed.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /**
     * Returns a copy of the mapper, with its modules, that rejects scalar coercion. A whole number for a
     * floating-point field, such as {@code 48} for a latitude, is still read, as it loses nothing.
     */
    public static JsonMapper withoutScalarCoercion(JsonMapper mapper) {
        return mapper.rebuild()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, textual -> textual
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** Returns the reader with duplicate keys rejected. */
    public static ObjectReader rejectingDuplicateKeys(ObjectReader reader) {
        return reader.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
