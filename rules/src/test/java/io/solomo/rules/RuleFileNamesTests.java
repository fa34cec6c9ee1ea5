package io.solomo.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RuleFileNamesTests {

    @ParameterizedTest
    @ValueSource(strings = {"solomo/offers/offers.drl.xlsx", "solomo/offers/old.drl.xls", "solomo/offers/a.drl.csv",
            "solomo/offers/suitability.drl", "offers.drl.xlsx"})
    void namesDroolsReadsAreAccepted(String path) {
        var problem = RuleFileNames.problemWith(path).map(FindingText::english);

        assertThat(problem).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "solomo/offers/offers.xlsx, solomo/offers/offers.drl.xlsx",
            "solomo/offers/offers.xls, solomo/offers/offers.drl.xls",
            "solomo/offers/offers.csv, solomo/offers/offers.drl.csv",
            "solomo/offers/OFFERS.XLSX, solomo/offers/OFFERS.drl.xlsx",
            "solomo/offers/offers.DRL.XLSX, solomo/offers/offers.drl.xlsx",
            "solomo/offers/suitability.DRL, solomo/offers/suitability.drl",
            "solomo/offers/offers.drl (1).xlsx, solomo/offers/offers.drl.xlsx",
            "offers.drl - Copy.xlsx, offers.drl.xlsx",
            "offers (2).csv, offers.drl.csv",
            "offers.drl.xlsx (1).xlsx, offers.drl.xlsx"})
    void namesDroolsWouldSkipGetRenameHint(String path, String expectedName) {
        var problem = RuleFileNames.problemWith(path).map(FindingText::english);

        assertThat(problem).hasValueSatisfying(message -> {
            assertThat(message).contains("would skip this file");
            assertThat(message).endsWith("rename it to " + expectedName);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"solomo/offers/notes.txt", "solomo/offers/rules.dslr", "META-INF/kmodule.xml"})
    void otherFilesAreNotRuleFiles(String path) {
        var problem = RuleFileNames.problemWith(path).map(FindingText::english);

        assertThat(problem).hasValueSatisfying(message -> assertThat(message).startsWith("not a rule file"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/solomo/offers/offers.drl.xlsx", "solomo/../offers.drl", "solomo\\offers\\a.drl", " "})
    void absoluteEscapingOrBlankPathsAreInvalid(String path) {
        var problem = RuleFileNames.problemWith(path).map(FindingText::english);

        assertThat(problem).isPresent();
        assertThat(problem.get()).doesNotStartWith("not a rule file");
    }
}
