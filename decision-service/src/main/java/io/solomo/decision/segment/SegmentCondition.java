package io.solomo.decision.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One condition of a segment: a profile attribute, an operator and the checked values. {@code values} contains one
 * value, or the values of the list for {@code in}: a String for codes and text, a BigDecimal for numbers, a Boolean.
 */
public record SegmentCondition(SegmentField field, SegmentOperator operator, List<Object> values) {

    public SegmentCondition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
        if (values.isEmpty() || (operator != SegmentOperator.IN && values.size() != 1)) {
            throw new IllegalArgumentException(operator + " takes " + (operator == SegmentOperator.IN
                    ? "one value or more" : "one value") + ", got " + values);
        }
    }

    /** Returns the single value of a condition whose operator is not {@code in}. */
    Object value() {
        return values.get(0);
    }

    /**
     * Returns true when the condition holds for the profile at {@code now}. An unknown attribute, such as the days
     * since the last purchase of a customer who never bought, matches no condition, as SQL's null does.
     */
    boolean matches(SegmentProfile profile, Instant now) {
        Object actual = field.valueOf(profile, now);
        if (actual == null) {
            return false;
        }
        if (field == SegmentField.MARKETING_CONSENT) {
            Set<?> granted = (Set<?>) actual;
            return values.stream().anyMatch(granted::contains);
        }
        return switch (operator) {
            case EQUAL, IN -> values.stream().anyMatch(value -> same(actual, value));
            case AT_LEAST -> compare(actual) >= 0;
            case AT_MOST -> compare(actual) <= 0;
            case GREATER -> compare(actual) > 0;
            case LESS -> compare(actual) < 0;
        };
    }

    private int compare(Object actual) {
        return ((BigDecimal) actual).compareTo((BigDecimal) value());
    }

    private static boolean same(Object actual, Object value) {
        if (actual instanceof BigDecimal number) {
            return number.compareTo((BigDecimal) value) == 0;
        }
        return actual.equals(value);
    }

    /** Returns the condition as JSON writes it: {@code value} is an array for {@code in}, one value otherwise. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("field", field.jsonName());
        json.put("operator", operator.symbol());
        json.put("value", operator == SegmentOperator.IN ? values : value());
        return json;
    }
}
