package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.JsonSyntaxErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Reads and writes facts in KIE Server's JSON form, where an object is wrapped in its fully qualified class name:
 * {@code {"bench.solomo.Customer": {"id": "c-001", "age": 34}}}. Strings, numbers and booleans travel as plain JSON.
 *
 * <p>A class must come from the container's kjar (see {@link DeployedContainer#factClass}); a name that does not is
 * rejected, never read as a map. Unknown properties of a fact are rejected too.
 *
 * <p>JSON numbers with a fraction or an exponent are read as {@link java.math.BigDecimal}, so a {@code BigDecimal}
 * property keeps every digit and the scale it was sent with ({@code 1.10} stays {@code 1.10}). A whole-number
 * property (byte, short, int, long, BigInteger) accepts {@code 3.0} as 3 but rejects {@code 2.7} instead of cutting
 * it to 2, and a float or double property rejects a number beyond its range instead of reading it as infinity (see
 * {@link ExactNumbers}).
 */
final class FactMarshaller {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(ExactNumbers.module())
            .build();

    // KIE Server 7 writes "key" : value, with a space on both sides of the colon; some clients grep for it.
    private static final ObjectWriter PRETTY = MAPPER.writer().with(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.BOTH)));

    private static final Map<Class<?>, Boolean> PLAIN_JSON = Map.of(String.class, true, Boolean.class, true,
            Integer.class, true, Long.class, true, Double.class, true, Float.class, true, Short.class, true);

    private FactMarshaller() {
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidFieldException("body", null, "the request body is empty; send a JSON object");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException malformed) {
            throw new InvalidFieldException("body", null, "the request body is not valid JSON: "
                    + JsonSyntaxErrors.describe(malformed));
        }
    }

    static byte[] write(JsonNode node) {
        return PRETTY.writeValueAsBytes(node);
    }

    /** Returns the writer of KIE Server's pretty-printed JSON, for trees of {@link #write(Object)} nodes. */
    static ObjectWriter writer() {
        return PRETTY;
    }

    /**
     * Reads one typed value. Never returns null.
     *
     * @param field the JSON path of the value in the request, for error messages
     * @throws InvalidFieldException naming the value when it is missing or null, typed or not, naming the class when
     *                               the container has no such fact class, or naming the property when the object
     *                               does not fit its class
     */
    static Object read(JsonNode node, DeployedContainer container, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(field, null, field + " is missing");
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            if (node.canConvertToInt()) {
                return node.asInt();
            }
            return node.canConvertToLong() ? (Object) node.asLong() : (Object) node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return plainDouble(node, field);
        }
        if (!node.isObject() || node.size() != 1) {
            throw new InvalidFieldException(field, ExactNumbers.forMessage(node), field + " must be typed by its fully "
                    + "qualified class name, as {\"com.example.Person\": {\"name\": \"john\"}}");
        }

        Map.Entry<String, JsonNode> typed = node.properties().iterator().next();
        String className = typed.getKey();
        Class<?> type = container.factClass(className).orElseThrow(() -> new InvalidFieldException(field, className,
                "unknown class '" + className + "' in " + field + ": container " + container.id()
                        + " (kjar " + container.releaseId() + ") has no such class; use the fully qualified name "
                        + "of a class in the kjar"));
        if (typed.getValue().isNull()) {
            // Drools inserts nothing for null and returns no fact handle, so a typed null would be lost silently.
            throw new InvalidFieldException(field + "." + className, null, field + "." + className + " is null; "
                    + "send a value of class " + className);
        }
        try {
            return MAPPER.treeToValue(typed.getValue(), type);
        } catch (JacksonException invalid) {
            throw new InvalidFieldException(field + "." + className + jsonPath(invalid),
                    sentValue(typed.getValue(), invalid), "the value does not fit class " + className + ": "
                    + invalid.getOriginalMessage());
        }
    }

    /**
     * Reads a plain JSON number with a fraction or an exponent as a Double, rejecting one beyond the range of double
     * instead of reading it as infinity.
     */
    private static Double plainDouble(JsonNode number, String field) {
        double value = number.isBigDecimal() ? number.decimalValue().doubleValue() : number.doubleValue();
        if (Double.isInfinite(value)) {
            throw new InvalidFieldException(field, ExactNumbers.forMessage(number), field + " is out of range of double; "
                    + "send {\"java.math.BigDecimal\": ...} for a larger number");
        }
        return value;
    }

    /**
     * Returns the value at the path of a read error, as sent and as {@link ExactNumbers#shown} cuts it. Returns the
     * whole object's text when the path does not lead to a value.
     */
    private static Object sentValue(JsonNode object, JacksonException invalid) {
        JsonNode node = object;
        for (JacksonException.Reference reference : invalid.getPath()) {
            JsonNode next = reference.getPropertyName() != null
                    ? node.get(reference.getPropertyName()) : node.get(reference.getIndex());
            if (next == null) {
                break;
            }
            node = next;
        }
        return ExactNumbers.forMessage(node);
    }

    /**
     * Wraps a value in its class name, or returns it as plain JSON for strings, numbers and booleans. An object is
     * read when the response is written, straight into the output without an intermediate tree, so it must not change
     * before then: use {@link #copy} for facts that another batch may change meanwhile.
     */
    static JsonNode write(Object value) {
        return typed(value, false);
    }

    /** Like {@link #write}, but reads the object now, for facts of a session that later batches share. */
    static JsonNode copy(Object value) {
        return typed(value, true);
    }

    private static JsonNode typed(Object value, boolean copy) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (PLAIN_JSON.containsKey(value.getClass())) {
            return MAPPER.valueToTree(value);
        }
        ObjectNode typed = NODES.objectNode();
        typed.set(value.getClass().getName(), copy ? MAPPER.valueToTree(value) : NODES.pojoNode(value));
        return typed;
    }

    private static String jsonPath(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
