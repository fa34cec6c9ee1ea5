package io.solomo.decision.support;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of the French sentence, {@code detailFr}, that the problems of the console's API calls carry beside their
 * English {@code detail}.
 */
public final class FrenchProblems {

    /** A no-break space, U+00A0, or a narrow one, U+202F. */
    private static final String NO_BREAK = "\u00A0\u202F";

    private FrenchProblems() {
    }

    /**
     * Asserts that the problem carries a non-blank {@code detailFr} that differs from its {@code detail} and has
     * French typography.
     *
     * @param call the request, named in each failure
     */
    public static void assertFrenchDetail(String call, JsonNode problem) {
        assertThat(problem.path("detail").asString("")).as(call + ": detail of " + problem).isNotBlank();
        assertThat(problem.has("detailFr")).as(call + ": detailFr in " + problem).isTrue();
        String french = problem.get("detailFr").asString();
        assertThat(french).as(call + ": detailFr").isNotBlank();
        assertThat(french).as(call + ": detailFr differs from detail").isNotEqualTo(problem.get("detail").asString());
        assertThat(typographyFaults(french)).as(call + ": French typography of " + french).isEmpty();
    }

    /**
     * Lists the French typography faults of a sentence: an ordinary space before {@code : ; ! ?} or {@code »}, a
     * word followed by one of these marks and a space, no no-break space after {@code «}, and the typewriter
     * apostrophe. A mark inside a value, as in {@code text/plain;charset=UTF-8} or {@code {"version": N}}, is left
     * alone.
     */
    public static List<String> typographyFaults(String text) {
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char mark = text.charAt(i);
            char before = i > 0 ? text.charAt(i - 1) : '\0';
            char after = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            boolean wordBefore = Character.isLetter(before) && (after == ' ' || after == '\0');
            if ((":;!?".indexOf(mark) >= 0 && (before == ' ' || wordBefore))
                    || (mark == '»' && NO_BREAK.indexOf(before) < 0)) {
                faults.add("'" + mark + "' at " + i + " needs a no-break space before it");
            }
            if (mark == '«' && NO_BREAK.indexOf(after) < 0) {
                faults.add("'«' at " + i + " needs a no-break space after it");
            }
            if (mark == '\'') {
                faults.add("''' at " + i + " should be the apostrophe ’");
            }
        }
        return faults;
    }
}
