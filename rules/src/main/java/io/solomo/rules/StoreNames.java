package io.solomo.rules;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known store id or chain that a mistyped one was most likely meant to be. */
final class StoreNames {

    // Edits allowed between a name and a known one, once both are without accents and lowercase.
    private static final int MAX_EDITS = 2;

    private StoreNames() {
    }

    /**
     * Returns the known name equal to {@code name} except for accents, case and at most {@value #MAX_EDITS} edits,
     * such as {@code Demo Marché} for {@code Demo Marche} or {@code demo-bastille} for {@code demo-bastile}. The name
     * with the fewest edits wins, and the first one given wins a tie.
     */
    static Optional<String> nearest(String name, Collection<String> known) {
        String plain = plain(name);
        String nearest = null;
        int fewestEdits = MAX_EDITS + 1;
        for (String candidate : known) {
            int edits = editDistance(plain, plain(candidate), fewestEdits);
            if (edits < fewestEdits) {
                nearest = candidate;
                fewestEdits = edits;
            }
        }
        return Optional.ofNullable(nearest);
    }

    private static String plain(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").strip()
                .toLowerCase(Locale.ROOT);
    }

    /** Returns the Levenshtein distance of two strings, or {@code limit} when it is {@code limit} or more. */
    private static int editDistance(String left, String right, int limit) {
        if (Math.abs(left.length() - right.length()) >= limit) {
            return limit;
        }
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int column = 0; column <= right.length(); column++) {
            previous[column] = column;
        }
        for (int row = 1; row <= left.length(); row++) {
            current[0] = row;
            for (int column = 1; column <= right.length(); column++) {
                int substitution = previous[column - 1] + (left.charAt(row - 1) == right.charAt(column - 1) ? 0 : 1);
                current[column] = Math.min(substitution, Math.min(previous[column], current[column - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[right.length()], limit);
    }
}
