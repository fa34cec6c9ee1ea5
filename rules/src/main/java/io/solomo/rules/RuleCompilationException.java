package io.solomo.rules;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown when a set of rule files cannot become an offer rule base. The causes are a file that Drools would skip because
 * of its name, a build error, a file that adds no rule to the offer package, and a rule base without any rule.
 *
 * <p>{@link #problems()} is never empty. The compiler stops after the first stage that finds problems (file names, then
 * the Drools build, then the built rule base), so fixing them can reveal more.
 */
public class RuleCompilationException extends RuntimeException {

    private final String version;
    private final List<Problem> problems;

    public RuleCompilationException(String version, List<Problem> problems) {
        super(describe(version, problems));
        this.version = version;
        this.problems = List.copyOf(problems);
    }

    /** Returns the version of the rule set that failed, as given to the compiler. */
    public String version() {
        return version;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(String version, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rule compilation failure needs at least one problem");
        }
        return "Offer rules version '" + version + "' are invalid: "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }

    /**
     * One problem in one rule file.
     *
     * @param file    the path of the file as given to the compiler, or null when the problem concerns the whole rule set
     * @param line    the 1-based line that Drools reports in a DRL file, or the 1-based spreadsheet row of the rule at
     *                fault in a decision table, or 0 when unknown
     * @param column  the column Drools reports in a DRL file, or 0 when unknown or in a decision table
     * @param text    what is wrong, on one line, in English and French
     */
    public record Problem(String file, int line, int column, FindingText text) {

        public Problem {
            Objects.requireNonNull(text, "text");
        }

        static Problem ofRuleSet(FindingText text) {
            return new Problem(null, 0, 0, text);
        }

        static Problem ofFile(String file, FindingText text) {
            return new Problem(file, 0, 0, text);
        }

        /** Returns what is wrong in English, as Drools wrote it for a build error. */
        public String message() {
            return text.english();
        }

        @Override
        public String toString() {
            if (file == null) {
                return message();
            }
            if (line <= 0) {
                return file + ": " + message();
            }
            if (RuleFileNames.isDecisionTable(file)) {
                return file + ", row " + line + ": " + message();
            }
            String position = column > 0 ? "line " + line + ", column " + column : "line " + line;
            return file + ", " + position + ": " + message();
        }
    }
}
