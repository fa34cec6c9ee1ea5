package io.solomo.rules;

import io.solomo.model.offer.ContactContext;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CONDITION column that keeps a whole-number field within the "from, to" of its cells, such as
 * {@code hour >= $1 && hour < $2}: Drools pastes the first value of a cell for {@code $1} and the second for
 * {@code $2}. The bounds of the cells follow from the operators and from the values the field can take.
 *
 * @param snippet      the condition as written in the code row
 * @param field        the field both comparisons read, such as {@code hour}
 * @param fromIncluded true for {@code >=} before {@code $1}, false for {@code >}
 * @param toIncluded   true for {@code <=} before {@code $2}, false for {@code <}
 * @param fieldRange   the lowest and highest value of the field, or null when unknown
 */
record RangeCondition(String snippet, String field, boolean fromIncluded, boolean toIncluded, int[] fieldRange) {

    private static final Pattern RANGE = Pattern.compile(
            "^\\s*(\\w+)\\s*(>=|>)\\s*\\$1\\s*(?:&&|,)\\s*(\\w+)\\s*(<=|<)\\s*\\$2\\s*$");
    // The lowest and highest value of a field whose constructor rejects any other, as ContactContext does for an hour
    // outside 0 to 23.
    private static final Map<String, int[]> FIELD_RANGES = Map.of(
            ContactContext.class.getName() + ".hour", new int[] {0, 23});

    /** Reads the condition from the code of a column, or returns empty when it is not such a range. */
    static Optional<RangeCondition> of(String snippet, Class<?> factType) {
        Matcher matcher = RANGE.matcher(snippet);
        if (!matcher.matches() || !matcher.group(1).equals(matcher.group(3))) {
            return Optional.empty();
        }
        String field = matcher.group(1);
        int[] fieldRange = factType == null ? null : FIELD_RANGES.get(factType.getName() + "." + field);
        return Optional.of(new RangeCondition(snippet.strip(), field, matcher.group(2).equals(">="),
                matcher.group(4).equals("<="), fieldRange));
    }

    /** Returns what is wrong with the "from, to" of one cell, if anything. Values that are not whole numbers pass. */
    Optional<FindingText> problemWith(String value) {
        String[] parts = value.split(",");
        if (parts.length != 2) {
            return Optional.of(FindingText.of("range.not-two-values", field, value, snippet));
        }
        int from;
        int to;
        try {
            from = Integer.parseInt(parts[0].strip());
            to = Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException notWhole) {
            return Optional.empty();
        }

        if (fieldRange != null) {
            int fromLowest = fromIncluded ? fieldRange[0] : fieldRange[0] - 1;
            int fromHighest = fromIncluded ? fieldRange[1] : fieldRange[1] - 1;
            int toLowest = toIncluded ? fieldRange[0] : fieldRange[0] + 1;
            int toHighest = toIncluded ? fieldRange[1] : fieldRange[1] + 1;
            FindingText bounds = FindingText.of("range.bounds", field, fieldRange[0], fieldRange[1], snippet,
                    fromLowest, fromHighest, toLowest, toHighest);
            if (from < fromLowest || from > fromHighest) {
                return Optional.of(FindingText.of("range.from-out", from, value, bounds, fromLowest, fromHighest));
            }
            if (to < toLowest || to > toHighest) {
                return Optional.of(FindingText.of("range.to-out", to, value, bounds, toLowest, toHighest));
            }
        }

        int lowestMatched = fromIncluded ? from : from + 1;
        int highestMatched = toIncluded ? to : to - 1;
        if (lowestMatched > highestMatched) {
            String applied = snippet.replace("$1", String.valueOf(from)).replace("$2", String.valueOf(to));
            return Optional.of(FindingText.of("range.matches-nothing", field, value, applied));
        }
        return Optional.empty();
    }
}
