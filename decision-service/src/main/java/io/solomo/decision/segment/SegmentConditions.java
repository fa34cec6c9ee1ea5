package io.solomo.decision.segment;

import io.solomo.decision.web.InvalidFieldException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import static io.solomo.decision.web.FrenchDetails.quoted;

/**
 * Checks the conditions of a segment as JSON, in a request or as stored. Each failed check is an
 * {@link InvalidFieldException} naming the condition's part, such as {@code conditions[1].operator}, and the value.
 */
final class SegmentConditions {

    static final int MAX_CONDITIONS = 20;
    static final int MAX_LIST_VALUES = 100;
    static final int MAX_TEXT_LENGTH = 200;
    static final long MAX_COUNT = 1_000_000_000L;
    /** A hundred years, more than any profile can be old. */
    static final long MAX_DAYS = 36_500;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final Set<String> PARTS = Set.of("field", "operator", "value");

    private SegmentConditions() {
    }

    /**
     * Parses and checks the JSON array of conditions.
     *
     * @param knownStore returns true for a store id that exists, for {@code lastStoreId}; stored conditions accept any
     */
    static List<SegmentCondition> parse(JsonNode conditions, Predicate<String> knownStore) {
        if (conditions == null || conditions.isNull()) {
            throw new InvalidFieldException("conditions", null, "conditions is missing; send a list of conditions "
                    + "that must all hold, such as [{\"field\": \"advocacyScore\", \"operator\": \">=\", "
                    + "\"value\": 50}]", "conditions est absent ; envoyez une liste de conditions qui doivent "
                    + "toutes être remplies, par exemple [{\"field\": \"advocacyScore\", \"operator\": \">=\", "
                    + "\"value\": 50}].");
        }
        if (!conditions.isArray() || conditions.isEmpty()) {
            throw new InvalidFieldException("conditions", conditions.toString(), "conditions must be a list of "
                    + "1 to " + MAX_CONDITIONS + " conditions, got " + conditions, "conditions doit être une liste de "
                    + "1 à " + MAX_CONDITIONS + " conditions" + receivedFr(conditions) + ".");
        }
        if (conditions.size() > MAX_CONDITIONS) {
            throw new InvalidFieldException("conditions", conditions.size(), "conditions must be a list of at most "
                    + MAX_CONDITIONS + " conditions, got " + conditions.size(), "conditions doit être une liste d’au "
                    + "plus " + MAX_CONDITIONS + " conditions, elle en compte " + conditions.size() + ".");
        }
        List<SegmentCondition> parsed = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            parsed.add(condition("conditions[" + i + "]", conditions.get(i), knownStore));
        }
        return List.copyOf(parsed);
    }

    private static SegmentCondition condition(String path, JsonNode condition, Predicate<String> knownStore) {
        if (condition == null || !condition.isObject()) {
            throw new InvalidFieldException(path, condition == null ? null : condition.toString(), path
                    + " must be an object with field, operator and value, got " + condition, path + " doit être un "
                    + "objet avec field, operator et value" + receivedFr(condition) + ".");
        }
        for (String name : condition.propertyNames()) {
            if (!PARTS.contains(name)) {
                throw new InvalidFieldException(path + "." + name, name, path + "." + name + " is unknown; a "
                        + "condition has only field, operator and value", path + "." + name + " est inconnu ; une "
                        + "condition n’a que field, operator et value.");
            }
        }
        SegmentField field = field(path + ".field", condition.get("field"));
        SegmentOperator operator = operator(path + ".operator", condition.get("operator"), field);
        JsonNode value = condition.get("value");
        String valuePath = path + ".value";
        List<Object> values = new ArrayList<>();
        if (operator == SegmentOperator.IN) {
            if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_LIST_VALUES) {
                throw new InvalidFieldException(valuePath, text(value), valuePath + " must be a list of 1 to "
                        + MAX_LIST_VALUES + " values for operator in, got " + value, valuePath + " doit être une "
                        + "liste de 1 à " + MAX_LIST_VALUES + " valeurs pour l’opérateur in" + receivedFr(value) + ".");
            }
            Set<Object> distinct = new LinkedHashSet<>();
            for (int i = 0; i < value.size(); i++) {
                distinct.add(value(valuePath + "[" + i + "]", value.get(i), field, knownStore));
            }
            values.addAll(distinct);
        } else {
            if (value != null && value.isArray()) {
                throw new InvalidFieldException(valuePath, value.toString(), valuePath + " must be one value for "
                        + "operator " + operator + "; use operator in for a list, got " + value, valuePath + " doit "
                        + "être une seule valeur pour l’opérateur " + operator + " ; utilisez l’opérateur in pour une "
                        + "liste" + receivedFr(value) + ".");
            }
            values.add(value(valuePath, value, field, knownStore));
        }
        return new SegmentCondition(field, operator, values);
    }

    private static SegmentField field(String path, JsonNode node) {
        String name = node == null || !node.isString() ? null : node.asString();
        return SegmentField.ofJsonName(name).orElseThrow(() -> new InvalidFieldException(path, text(node),
                path + " must be one of " + SegmentField.jsonNames() + ", got " + node, path + " doit être l’un "
                + "de " + SegmentField.jsonNames() + receivedFr(node) + "."));
    }

    private static SegmentOperator operator(String path, JsonNode node, SegmentField field) {
        String symbol = node == null || !node.isString() ? null : node.asString().trim();
        SegmentOperator operator = SegmentOperator.ofSymbol(symbol).orElseThrow(() -> new InvalidFieldException(
                path, text(node), path + " must be one of " + SegmentOperator.allSymbols() + ", got " + node,
                path + " doit être l’un de " + SegmentOperator.allSymbols() + receivedFr(node) + "."));
        if (!field.operators().contains(operator)) {
            throw new InvalidFieldException(path, symbol, "operator " + symbol + " does not apply to "
                    + field.jsonName() + "; use one of " + SegmentOperator.symbols(field.operators()),
                    "L’opérateur " + symbol + " ne s’applique pas à " + field.jsonName() + " ; utilisez l’un de "
                            + SegmentOperator.symbols(field.operators()) + ".");
        }
        return operator;
    }

    private static Object value(String path, JsonNode node, SegmentField field, Predicate<String> knownStore) {
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(path, null, path + " is missing; send " + expected(field),
                    path + " est absent ; envoyez " + expectedFr(field) + ".");
        }
        return switch (field.type()) {
            case CODE -> code(path, node, field);
            case TEXT -> storeId(path, node, knownStore);
            case WHOLE -> whole(path, node, field, MAX_COUNT);
            case DAYS -> whole(path, node, field, MAX_DAYS);
            case SCORE -> whole(path, node, field, 100);
            case DECIMAL -> decimal(path, node, field);
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw invalid(path, node, field);
                }
                yield node.booleanValue();
            }
        };
    }

    private static String code(String path, JsonNode node, SegmentField field) {
        if (node.isString()) {
            for (String code : field.codes()) {
                if (code.equals(node.asString().trim().toUpperCase(Locale.ROOT))
                        || code.equals(node.asString().trim().toLowerCase(Locale.ROOT))) {
                    return code;
                }
            }
        }
        throw invalid(path, node, field);
    }

    private static String storeId(String path, JsonNode node, Predicate<String> knownStore) {
        String storeId = node.isString() ? node.asString().trim() : "";
        if (storeId.isEmpty() || storeId.length() > MAX_TEXT_LENGTH || storeId.indexOf('\0') >= 0) {
            throw new InvalidFieldException(path, text(node), path + " must be a store id of 1 to "
                    + MAX_TEXT_LENGTH + " characters, got " + node, path + " doit être un identifiant de magasin de "
                    + "1 à " + MAX_TEXT_LENGTH + " caractères" + receivedFr(node) + ".");
        }
        if (!knownStore.test(storeId)) {
            throw new InvalidFieldException(path, storeId, path + ": store '" + storeId + "' matches no store; "
                    + "list them with GET /api/v1/stores", path + " : aucun magasin n’a l’identifiant "
                    + quoted(storeId) + " ; listez les magasins avec GET /api/v1/stores.");
        }
        return storeId;
    }

    private static BigDecimal whole(String path, JsonNode node, SegmentField field, long max) {
        if (!node.isIntegralNumber() || node.decimalValue().signum() < 0
                || node.decimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(path, node, field);
        }
        return node.decimalValue();
    }

    private static BigDecimal decimal(String path, JsonNode node, SegmentField field) {
        if (!node.isNumber()) {
            throw invalid(path, node, field);
        }
        BigDecimal number = node.decimalValue().stripTrailingZeros();
        if (number.signum() < 0 || number.compareTo(MAX_AMOUNT) > 0 || number.scale() > 2) {
            throw invalid(path, node, field);
        }
        return number.scale() < 0 ? number.setScale(0) : number;
    }

    private static InvalidFieldException invalid(String path, JsonNode node, SegmentField field) {
        return new InvalidFieldException(path, text(node), path + " must be " + expected(field) + ", got " + node,
                path + " doit être " + expectedFr(field) + receivedFr(node) + ".");
    }

    /** Describes the values a field accepts, for error messages. */
    private static String expected(SegmentField field) {
        return switch (field.type()) {
            case CODE -> "one of " + String.join(", ", field.codes()) + " for " + field.jsonName();
            case TEXT -> "a store id for " + field.jsonName();
            case WHOLE -> "a whole number from 0 to " + MAX_COUNT + " for " + field.jsonName();
            case DAYS -> "a whole number of days from 0 to " + MAX_DAYS + " for " + field.jsonName();
            case SCORE -> "a whole number from 0 to 100 for " + field.jsonName();
            case DECIMAL -> "a number from 0 to " + MAX_AMOUNT.toPlainString() + " with at most two decimals for "
                    + field.jsonName();
            case BOOLEAN -> "true or false for " + field.jsonName();
        };
    }

    /** Describes the values a field accepts in French, for the {@code detailFr} of problems. */
    private static String expectedFr(SegmentField field) {
        return switch (field.type()) {
            case CODE -> "l’une des valeurs " + String.join(", ", field.codes()) + " pour " + field.jsonName();
            case TEXT -> "un identifiant de magasin pour " + field.jsonName();
            case WHOLE -> "un nombre entier de 0 à " + MAX_COUNT + " pour " + field.jsonName();
            case DAYS -> "un nombre entier de jours de 0 à " + MAX_DAYS + " pour " + field.jsonName();
            case SCORE -> "un nombre entier de 0 à 100 pour " + field.jsonName();
            case DECIMAL -> "un nombre de 0 à " + MAX_AMOUNT.toPlainString() + " avec au plus deux décimales pour "
                    + field.jsonName();
            case BOOLEAN -> "true ou false pour " + field.jsonName();
        };
    }

    /**
     * Returns the end of a French detail that repeats the value received, such as ", reçu « 500 »", or states that
     * it is missing.
     */
    private static String receivedFr(JsonNode node) {
        if (node == null || node.isNull()) {
            return " ; la valeur est absente";
        }
        return ", reçu " + quoted(text(node));
    }

    /** Returns the value to echo in a problem: the text itself for a JSON string, the JSON otherwise. */
    private static Object text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isString() ? node.asString() : node.toString();
    }
}
