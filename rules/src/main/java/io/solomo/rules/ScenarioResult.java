package io.solomo.rules;

import java.util.List;

/**
 * The outcome of one test scenario.
 *
 * @param file       the workbook or CSV file holding the scenario
 * @param sheet      the worksheet, or null for a CSV file
 * @param cell       the scenario's name cell, such as {@code A5}
 * @param expected   the offer ids the analyst expects, sorted; empty for none
 * @param actual     the distinct offer ids the rules proposed, sorted
 * @param firedRules the rules that fired, in order
 * @param failure    why the rules could not run, in English and French, or null
 */
public record ScenarioResult(String file, String sheet, String cell, String name, List<String> expected,
                             List<String> actual, List<String> firedRules, boolean passed, FindingText failure) {

    public ScenarioResult {
        expected = List.copyOf(expected);
        actual = List.copyOf(actual);
        firedRules = List.copyOf(firedRules);
    }
}
