package io.solomo.decision.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plain-word descriptions of a JSON field that Jackson could not bind: the JSON path, the value sent and the type
 * expected, so that a 400 problem never shows Jackson's or Java's own text.
 */
public final class JsonValueErrors {

    // Jackson 3.1 writes the number into the message of InputCoercionException and keeps no other copy of it,
    // because the parser is closed by the time the exception reaches the handler.
    private static final Pattern OUT_OF_RANGE = Pattern.compile("^Numeric value \\(([-+0-9.eE]+)\\) out of range");

    // Jackson 3.1 names the JSON token in MismatchedInputException messages, as in "from Array value", and a scalar
    // that no creator takes with its value, as in "from Number value (12)".
    private static final Pattern TOKEN_KIND = Pattern.compile(" from (Array|Object|Boolean|boolean|Integer"
            + "|Floating-point|String|Number) value(?: \\(([^)]*)\\))?");

    // Jackson 3.1 names the key in the message of the StreamReadException that STRICT_DUPLICATE_DETECTION raises.
    private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate Object property \"(.*)\"$");

    /** Reads a body again, as plain JSON, to find the value of a field that failed to bind. */
    private static final ObjectReader TREE_READER = JsonMapper.shared().reader();

    private JsonValueErrors() {
    }

    /**
     * A field that failed to bind, with the value sent (null when Jackson did not keep it), the detail and its French
     * counterpart.
     */
    public record FieldError(String field, Object value, String detail, String detailFr) {
    }

    /**
     * Describes why a JSON document that did not come in an HTTP request, such as a Kafka record, could not be read.
     * A repeated key or a field of the wrong type is described as the API describes it, with its JSON path. Any
     * other failure is described as malformed JSON, without a field.
     */
    public static FieldError describeUnreadable(JacksonException failure, byte[] document) {
        Optional<FieldError> duplicate = duplicateKey(failure);
        if (duplicate.isPresent()) {
            return duplicate.get();
        }
        Optional<JacksonException> path = atPath(failure);
        if (path.isPresent()) {
            return describe(path.get(), valueAt(document, path.get()));
        }
        Optional<JacksonException> root = atRoot(failure);
        if (root.isPresent()) {
            return new FieldError(null, null, "the record must be one JSON object: " + describeRoot(root.get()),
                    "L’enregistrement doit être un seul objet JSON : " + describeRootFr(root.get()));
        }
        return new FieldError(null, null, "the record is not valid JSON: " + JsonSyntaxErrors.describe(failure),
                "L’enregistrement n’est pas du JSON valide" + JsonSyntaxErrors.locationFr(failure) + ".");
    }

    /** Finds the first exception in the cause chain that Jackson raised at a JSON path. */
    static Optional<JacksonException> atPath(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // A body cut short inside a value also carries the path of that value, but the body is malformed JSON,
            // not a field of the wrong value.
            if (cause instanceof UnexpectedEndOfInputException) {
                return Optional.empty();
            }
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return Optional.of(jackson);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the first exception in the cause chain that Jackson raised binding the whole body, not a field: a body
     * of the wrong JSON type, such as an array where an object is expected.
     */
    static Optional<JacksonException> atRoot(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if ((cause instanceof MismatchedInputException || cause instanceof InputCoercionException)
                    && ((JacksonException) cause).getPath().isEmpty()) {
                return Optional.of((JacksonException) cause);
            }
        }
        return Optional.empty();
    }

    /** Describes a binding failure of the whole body in plain words, such as "got an array" for an object. */
    static String describeRoot(JacksonException failure) {
        // Jackson reports a second value after the body as a mismatched input too, and only its message separates the
        // two cases. The body itself may well be the object expected.
        if (String.valueOf(failure.getOriginalMessage()).startsWith("Trailing token")) {
            return "the request body has more content after its JSON value; send one JSON value only";
        }
        String expected = expected(targetType(failure));
        if ("an object".equals(expected) || "an array".equals(expected)) {
            expected = "a JSON " + expected.substring(expected.indexOf(' ') + 1);
        }
        String received = sentKind(failure);
        if (expected == null) {
            return "the request body has an invalid value" + (received == null ? "" : ": " + received);
        }
        return "the request body must be " + expected + (received == null ? "" : ", " + received);
    }

    /** Describes a binding failure of the whole body in French, as {@link #describeRoot} does in English. */
    static String describeRootFr(JacksonException failure) {
        if (String.valueOf(failure.getOriginalMessage()).startsWith("Trailing token")) {
            return "Le corps de la requête contient autre chose après sa valeur JSON ; envoyez une seule valeur JSON.";
        }
        String expected = expectedFr(targetType(failure));
        if ("un objet".equals(expected) || "un tableau".equals(expected)) {
            expected += " JSON";
        }
        String received = sentKindFr(failure);
        if (expected == null) {
            return "Le corps de la requête a une valeur invalide" + (received == null ? "" : " : " + received) + ".";
        }
        return "Le corps de la requête doit être " + expected + (received == null ? "" : ", " + received) + ".";
    }

    /**
     * Finds a key that appears twice in one object of the body, which the readers reject (see {@link StrictJson}), and
     * describes it with its JSON path.
     */
    static Optional<FieldError> duplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException read) {
                Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(read.getOriginalMessage()));
                if (duplicate.find()) {
                    String parent = jsonPath(read).isEmpty() ? parserPath(read) : jsonPath(read);
                    String field = parent.isEmpty() ? duplicate.group(1) : parent + "." + duplicate.group(1);
                    return Optional.of(new FieldError(field, null, "field " + field + " appears more than once in "
                            + "its object; send it once", "Le champ " + field + " apparaît plusieurs fois dans son "
                            + "objet ; envoyez-le une seule fois."));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the path of the object the parser was reading when it failed, such as {@code [0].identities[0]}. A body
     * read as a JSON tree, as interaction batches are, gives its errors no path of their own.
     */
    private static String parserPath(StreamReadException read) {
        JsonParser parser = read.processor();
        TokenStreamContext object = parser == null ? null : parser.streamReadContext();
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext parent = object == null ? null : object.getParent(); parent != null && !parent.inRoot();
             parent = parent.getParent()) {
            segments.push(parent.inArray() ? "[" + parent.getCurrentIndex() + "]" : "." + parent.currentName());
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /**
     * Reads the value at the failure's JSON path from the body sent: a string, number or true/false as it is, and an
     * object or an array as its JSON tree. Invalid UTF-8 bytes read as U+FFFD. Returns null when the body does not
     * parse or has no value there. Run only for a failure, so a request that binds pays nothing for it.
     */
    static Object valueAt(byte[] body, JacksonException failure) {
        JsonNode node = tree(body);
        for (JacksonException.Reference reference : failure.getPath()) {
            if (node == null) {
                return null;
            }
            if (reference.getPropertyName() != null) {
                node = node.get(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                node = node.get(reference.getIndex());
            }
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node;
    }

    private static JsonNode tree(byte[] body) {
        try {
            return TREE_READER.readTree(body);
        } catch (JacksonException unparsable) {
            try {
                // Invalid UTF-8 fails the parse; decoding replaces it, so that the rest of the value still shows.
                return TREE_READER.readTree(new String(body, StandardCharsets.UTF_8));
            } catch (JacksonException stillUnparsable) {
                return null;
            }
        }
    }

    /** Describes the field of a Jackson binding failure in plain words. */
    static FieldError describe(JacksonException failure) {
        return describe(failure, null);
    }

    /**
     * Describes the field of a Jackson binding failure in plain words.
     *
     * @param sentValue the value read from the body, used when the exception does not carry it, or null
     */
    static FieldError describe(JacksonException failure, Object sentValue) {
        String field = jsonPath(failure);
        if (failure instanceof UnrecognizedPropertyException unknown) {
            if (unknown.getKnownPropertyIds() == null) {
                return new FieldError(field, sentValue, "field " + field + " is unknown; remove it",
                        "Le champ " + field + " est inconnu ; retirez-le.");
            }
            String accepted = unknown.getKnownPropertyIds().stream().map(String::valueOf)
                    .collect(Collectors.joining(", "));
            return new FieldError(field, sentValue, "field " + field + " is unknown; the accepted fields are "
                    + accepted, "Le champ " + field + " est inconnu ; les champs acceptés sont " + accepted + ".");
        }

        Object value = sentValue(failure);
        if (value == null) {
            value = sentValue;
        }
        if (value instanceof String text && text.indexOf('\0') >= 0) {
            return new FieldError(field, value, "field " + field + " " + StorableStringDeserializer.NUL_DETAIL,
                    "Le champ " + field + " " + StorableStringDeserializer.NUL_DETAIL_FR);
        }
        String expected = expected(targetType(failure));
        String expectedFr = expectedFr(targetType(failure));
        if (failure instanceof InputCoercionException && expected != null && value instanceof BigInteger) {
            // A whole number too large for its field gets its maximum in the message, since it is whole.
            expected += " no larger than " + largest(targetType(failure));
            expectedFr += " d’au plus " + largest(targetType(failure)).replace(",", " ");
        }
        // An object or an array is named by its kind in the detail; the problem's value shows it whole.
        boolean scalar = value != null && !(value instanceof JsonNode);
        String received = scalar ? "got " + quoted(value) : sentKind(failure);
        String receivedFr = scalar ? "reçu " + FrenchDetails.quoted(value) : sentKindFr(failure);
        StringBuilder detail = new StringBuilder("field ").append(field).append(" has an invalid value");
        if (expected != null) {
            detail.append(": expected ").append(expected);
            if (received != null) {
                detail.append(", ").append(received);
            }
        } else if (received != null) {
            detail.append(": ").append(received);
        }
        StringBuilder detailFr = new StringBuilder("Le champ ").append(field).append(" a une valeur invalide");
        if (expectedFr != null) {
            detailFr.append(" : il faut ").append(expectedFr);
            if (receivedFr != null) {
                detailFr.append(" (").append(receivedFr).append(')');
            }
        } else if (receivedFr != null) {
            detailFr.append(" : ").append(receivedFr);
        }
        return new FieldError(field, value, detail.toString(), detailFr.append('.').toString());
    }

    /** Returns the JSON path of the failure, such as {@code maxOffers} or {@code [2].latitude}. */
    static String jsonPath(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Returns the value sent, or null when the exception does not carry it. */
    private static Object sentValue(JacksonException failure) {
        if (failure instanceof InvalidFormatException invalid) {
            return invalid.getValue();
        }
        if (failure instanceof InputCoercionException) {
            Matcher number = OUT_OF_RANGE.matcher(String.valueOf(failure.getOriginalMessage()));
            if (number.find()) {
                return number(number.group(1));
            }
        }
        return null;
    }

    private static String largest(Class<?> type) {
        if (type == long.class || type == Long.class) {
            return String.format(Locale.ROOT, "%,d", Long.MAX_VALUE);
        }
        if (type == short.class || type == Short.class) {
            return String.format(Locale.ROOT, "%,d", Short.MAX_VALUE);
        }
        return String.format(Locale.ROOT, "%,d", Integer.MAX_VALUE);
    }

    private static Object number(String text) {
        try {
            return new BigInteger(text);
        } catch (NumberFormatException notWhole) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }

    /** Names the kind of JSON value sent when the exception keeps only its token, such as "got an array". */
    private static String sentKind(JacksonException failure) {
        String message = String.valueOf(failure.getOriginalMessage());
        if (message.startsWith("Cannot map `null`")) {
            return "got null";
        }
        Matcher token = TOKEN_KIND.matcher(message);
        if (!token.find()) {
            return null;
        }
        return switch (token.group(1)) {
            case "Array" -> "got an array";
            case "Object" -> "got an object";
            case "Boolean", "boolean" -> "got true or false";
            case "Integer" -> "got a whole number";
            case "String" -> "got text";
            case "Number" -> token.group(2) != null && token.group(2).matches("-?[0-9]+") ? "got a whole number"
                    : "got a number";
            default -> "got a number";
        };
    }

    /** Names the kind of JSON value sent in French, as {@link #sentKind} does in English. */
    private static String sentKindFr(JacksonException failure) {
        String english = sentKind(failure);
        if (english == null) {
            return null;
        }
        return switch (english) {
            case "got null" -> "reçu null";
            case "got an array" -> "reçu un tableau";
            case "got an object" -> "reçu un objet";
            case "got true or false" -> "reçu true ou false";
            case "got a whole number" -> "reçu un nombre entier";
            case "got text" -> "reçu du texte";
            default -> "reçu un nombre";
        };
    }

    private static Class<?> targetType(JacksonException failure) {
        if (failure instanceof MismatchedInputException mismatched) {
            return mismatched.getTargetType();
        }
        if (failure instanceof InputCoercionException coercion) {
            return coercion.getTargetType();
        }
        return null;
    }

    /** Names a Java type in the words of a JSON user, or returns null for an unknown type. */
    static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.joining(", "));
        }
        if (TemporalAccessor.class.isAssignableFrom(type) || Date.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return null;
    }

    /** Names a Java type in French words of a JSON user, as {@link #expected} does in English, or returns null. */
    static String expectedFr(Class<?> type) {
        String english = expected(type);
        if (english == null) {
            return null;
        }
        if (english.startsWith("one of ")) {
            return "l’une des valeurs " + english.substring("one of ".length());
        }
        return switch (english) {
            case "a whole number" -> "un nombre entier";
            case "a number" -> "un nombre";
            case "true or false" -> "true ou false";
            case "text" -> "du texte";
            case "an ISO-8601 timestamp" -> "un horodatage ISO 8601";
            case "an array" -> "un tableau";
            default -> "un objet";
        };
    }

    private static String quoted(Object value) {
        return value instanceof CharSequence text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
