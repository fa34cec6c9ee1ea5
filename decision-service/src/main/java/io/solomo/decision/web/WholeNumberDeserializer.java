package io.solomo.decision.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

import java.math.BigDecimal;

/**
 * Reads an {@link Integer} field that must hold a whole number: {@code 3} and {@code 3.0} both give 3, as many JSON
 * writers send whole numbers with a decimal point, while {@code 2.5} is an invalid value instead of being cut to 2.
 * Other input (text such as {@code "3"}, an overflow, an array) is read as Jackson reads any {@code Integer}.
 */
public final class WholeNumberDeserializer extends StdDeserializer<Integer> {

    private static final int MAX_WRITTEN_DIGITS = 19;

    public WholeNumberDeserializer() {
        super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
            return context.readValue(parser, Integer.class);
        }
        BigDecimal value = parser.getDecimalValue();
        try {
            return value.intValueExact();
        } catch (ArithmeticException notExact) {
            if (value.stripTrailingZeros().scale() <= 0) {
                // A whole number beyond the range of int, such as 3e10, is reported as an overflow like 30000000000.
                // One with more digits than a long keeps its exponent form, because writing out 1e3000000 takes
                // seconds and megabytes.
                boolean longDigits = value.precision() - value.scale() <= MAX_WRITTEN_DIGITS;
                throw new InputCoercionException(parser, "Numeric value (" + (longDigits ? value.toBigInteger()
                        : value.stripTrailingZeros()) + ") out of range of int", JsonToken.VALUE_NUMBER_FLOAT,
                        Integer.class);
            }
            return (Integer) context.handleWeirdNumberValue(Integer.class, value, "not a whole number");
        }
    }
}
