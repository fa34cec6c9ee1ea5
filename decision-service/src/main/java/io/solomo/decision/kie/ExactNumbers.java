package io.solomo.decision.kie;

import io.solomo.decision.web.EchoedValues;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Checks that a JSON number fits a Java number type exactly, so that a fact property or a query parameter never gets
 * a number cut to a whole one, wrapped around or turned into infinity. The checks read a {@link BigDecimal}'s
 * precision and scale, never its expanded digits, so {@code 1e3000000} costs as little as {@code 1e3}.
 */
final class ExactNumbers {

    /**
     * The maximum digit count of a {@link BigInteger} given with an exponent. Jackson accepts as many digits in a
     * number written out in full, and the limit keeps a short exponent such as {@code 1e99999} from building a huge
     * number.
     */
    static final int MAX_BIG_INTEGER_DIGITS = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

    /** The smallest and largest value of each primitive whole-number type, boxed. */
    private static final Map<Class<?>, long[]> RANGES = Map.of(
            Byte.class, new long[]{Byte.MIN_VALUE, Byte.MAX_VALUE},
            Short.class, new long[]{Short.MIN_VALUE, Short.MAX_VALUE},
            Integer.class, new long[]{Integer.MIN_VALUE, Integer.MAX_VALUE},
            Long.class, new long[]{Long.MIN_VALUE, Long.MAX_VALUE});

    /** The integer digit count beyond which no value fits a {@code long}. */
    private static final int LONG_DIGITS = 19;

    private ExactNumbers() {
    }

    /** Tells whether a type, primitive or not, holds only whole numbers: byte, short, int, long or BigInteger. */
    static boolean isWholeNumberType(Class<?> type) {
        Class<?> boxed = box(type);
        return RANGES.containsKey(boxed) || boxed == BigInteger.class;
    }

    /**
     * Returns why a number does not fit a whole-number type exactly, such as "not a whole number" or "out of range
     * of int", or null when it fits. {@code 3.0} fits an {@code int}.
     *
     * @param type a type for which {@link #isWholeNumberType} is true
     */
    static String misfit(Number value, Class<?> type) {
        BigDecimal decimal;
        if (value instanceof BigDecimal exact) {
            decimal = exact;
        } else if (value instanceof BigInteger whole) {
            decimal = new BigDecimal(whole);
        } else if (value instanceof Double || value instanceof Float) {
            if (!Double.isFinite(value.doubleValue())) {
                return "out of range of " + type.getName();
            }
            decimal = new BigDecimal(value.doubleValue());
        } else {
            decimal = BigDecimal.valueOf(value.longValue());
        }
        return misfit(decimal, type);
    }

    private static String misfit(BigDecimal value, Class<?> type) {
        if (value.signum() == 0) {
            return null;
        }
        if (value.scale() > 0 && value.stripTrailingZeros().scale() > 0) {
            return "not a whole number";
        }
        int integerDigits = value.precision() - value.scale();
        Class<?> boxed = box(type);
        if (boxed == BigInteger.class) {
            return integerDigits > MAX_BIG_INTEGER_DIGITS
                    ? "more than " + MAX_BIG_INTEGER_DIGITS + " digits for " + type.getName() : null;
        }
        String outOfRange = "out of range of " + type.getName();
        if (integerDigits > LONG_DIGITS) {
            return outOfRange;
        }
        long[] range = RANGES.get(boxed);
        try {
            long exact = value.longValueExact();
            return exact < range[0] || exact > range[1] ? outOfRange : null;
        } catch (ArithmeticException beyondLong) {
            return outOfRange;
        }
    }

    /**
     * Returns a sent value for an error message or problem: a string, number or boolean as such, anything else as
     * its JSON text. A value whose text is longer than problems repeat is returned as that text, shortened by
     * {@link EchoedValues#shortenText}.
     */
    static Object forMessage(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isString()) {
            return EchoedValues.shortenText(node.asString());
        }
        // A BigDecimal's JSON text uses an exponent (1E+3000000) when that is shorter than its digits.
        String json = node.toString();
        if (json.length() > EchoedValues.MAX_ECHOED_CHARACTERS) {
            return EchoedValues.shortenText(json);
        }
        return node.isNumber() ? node.numberValue() : json;
    }

    /**
     * Registers the exact readers of byte, short, int, long, BigInteger, float and double properties, primitive or
     * boxed.
     */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("exact-numbers");
        for (Class<?> type : List.<Class<?>>of(byte.class, Byte.class, short.class, Short.class, int.class,
                Integer.class, long.class, Long.class, BigInteger.class, float.class, Float.class, double.class,
                Double.class)) {
            add(module, type);
        }
        return module;
    }

    @SuppressWarnings("unchecked")
    private static <T> void add(SimpleModule module, Class<T> type) {
        module.addDeserializer(type, new ExactNumberDeserializer<>(type,
                (ValueDeserializer<T>) NumberDeserializers.find(type)));
    }

    private static Class<?> box(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }

    /**
     * Reads a number property as Jackson does, with two exceptions. A number with a fraction for a whole-number type
     * is rejected instead of cut (3.0 still gives 3). A number beyond the range of float or double is rejected
     * instead of read as infinity. Anything else, null and text included, goes to Jackson's own deserializer.
     */
    private static final class ExactNumberDeserializer<T> extends StdDeserializer<T> {

        private final ValueDeserializer<T> standard;
        private final boolean wholeNumbers;

        ExactNumberDeserializer(Class<T> type, ValueDeserializer<T> standard) {
            super(type);
            this.standard = standard;
            this.wholeNumbers = isWholeNumberType(type);
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (wholeNumbers && token == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal value = parser.getDecimalValue();
                String misfit = misfit(value, handledType());
                if (misfit != null) {
                    throw invalid(parser, value, misfit);
                }
                // The misfit check bounds the digits, so the exact conversion below is cheap.
                return standard.deserialize(parser, context);
            }
            T value = standard.deserialize(parser, context);
            if (!wholeNumbers && token != null && token.isNumeric() && value instanceof Number number
                    && Double.isInfinite(number.doubleValue())) {
                throw invalid(parser, parser.getDecimalValue(), "out of range of " + handledType().getName());
            }
            return value;
        }

        private InvalidFormatException invalid(JsonParser parser, BigDecimal value, String reason) {
            String number = EchoedValues.shortenText(value.toString());
            return InvalidFormatException.from(parser, "Cannot deserialize value of type `"
                    + handledType().getName() + "` from number " + number + ": " + reason, value, handledType());
        }

        @Override
        public Object getNullValue(DeserializationContext context) {
            return standard.getNullValue(context);
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return standard.getEmptyValue(context);
        }
    }
}
