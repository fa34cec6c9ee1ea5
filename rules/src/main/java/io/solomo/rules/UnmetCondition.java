package io.solomo.rules;

import java.util.List;

/**
 * A condition of a rule that the known facts of a contact did not meet.
 *
 * @param fact        {@code ContactContext} or {@code CustomerFacts}
 * @param property    the property the condition reads, such as {@code dayOfWeek}
 * @param requirement how the condition compares the property with {@code values}
 * @param values      the values of the condition, as the rule's Java types: {@code DayOfWeek.SATURDAY}, 7, "Demo"
 * @param actual      the value of the property in the facts, possibly null
 */
public record UnmetCondition(String fact, String property, Requirement requirement, List<Object> values,
                             Object actual) {

    /** The comparison of a condition between a property and its values. */
    public enum Requirement {
        /** Equal to one of the values, such as {@code day == SATURDAY || day == SUNDAY}, or a boolean property. */
        ONE_OF,
        /** At least the first value and below the second, such as {@code hour >= 7 && hour < 11}. */
        FROM_BELOW,
        /** At least the value. */
        AT_LEAST,
        /** Above the value. */
        ABOVE,
        /** At most the value. */
        AT_MOST,
        /** Below the value. */
        BELOW,
        /** Contains the value, for a list property such as {@code segments contains "active-advocates"}. */
        CONTAINS,
        /** Does not contain the value, for a list property such as {@code favouriteCategories not contains "wine"}. */
        EXCLUDES
    }
}
