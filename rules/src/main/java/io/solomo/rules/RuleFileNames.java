package io.solomo.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks rule file paths before a build, because Drools skips a file whose name it does not recognise with only a log
 * warning and then builds a rule base without that file's rules.
 */
final class RuleFileNames {

    static final String DRL_ENDING = ".drl";
    static final String CSV_TABLE_ENDING = ".drl.csv";
    static final List<String> TABLE_ENDINGS = List.of(".drl.xlsx", ".drl.xls", CSV_TABLE_ENDING);

    private static final List<String> SPREADSHEET_ENDINGS = List.of(".xlsx", ".xls", ".csv");
    // What browsers and file managers append to the name of a second copy, such as "offers.drl (1).xlsx" or
    // "offers.drl - Copy.xlsx", and a rule file ending left before it.
    private static final Pattern COPY_SUFFIX = Pattern.compile(
            "(?i)(?:\\.drl(?:\\.xlsx|\\.xls|\\.csv)?)?(?:\\s*\\(\\d+\\)|\\s+-\\s+(?:copy|copie)(?:\\s*\\(\\d+\\))?)+$");

    private RuleFileNames() {
    }

    static boolean isDecisionTable(String path) {
        return TABLE_ENDINGS.stream().anyMatch(path::endsWith);
    }

    static boolean isCsvDecisionTable(String path) {
        return path.endsWith(CSV_TABLE_ENDING);
    }

    /** Returns why Drools would not read the file at this path, or empty when the name is fine. */
    static Optional<FindingText> problemWith(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of(FindingText.of("file.name-missing"));
        }
        if (path.startsWith("/") || path.contains("\\") || List.of(path.split("/")).contains("..")) {
            return Optional.of(FindingText.of("file.invalid-path"));
        }
        if (path.endsWith(DRL_ENDING) || isDecisionTable(path)) {
            return Optional.empty();
        }

        String lowerCase = path.toLowerCase(Locale.ROOT);
        for (String ending : TABLE_ENDINGS) {
            if (lowerCase.endsWith(ending)) {
                return Optional.of(FindingText.of("file.uppercase-ending", renamed(path, ending, ending)));
            }
        }
        if (lowerCase.endsWith(DRL_ENDING)) {
            return Optional.of(FindingText.of("file.uppercase-ending", renamed(path, DRL_ENDING, DRL_ENDING)));
        }
        for (String ending : SPREADSHEET_ENDINGS) {
            if (lowerCase.endsWith(ending)) {
                return Optional.of(FindingText.of("file.table-name-ending",
                        withoutCopySuffix(path, ending) + DRL_ENDING + ending));
            }
        }
        return Optional.of(FindingText.of("file.not-rule-file"));
    }

    /** Returns the path without its ending and without a copy suffix and stray rule file ending before it. */
    private static String withoutCopySuffix(String path, String ending) {
        String base = path.substring(0, path.length() - ending.length());
        Matcher copy = COPY_SUFFIX.matcher(base);
        return copy.find() ? base.substring(0, copy.start()) : base;
    }

    private static String renamed(String path, String oldEnding, String newEnding) {
        return path.substring(0, path.length() - oldEnding.length()) + newEnding;
    }
}
