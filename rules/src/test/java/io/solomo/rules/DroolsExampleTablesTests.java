package io.solomo.rules;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Goes through the decision tables and DRL files of the Drools project in {@code ../shared/data}: each one either
 * compiles, or is rejected with errors that name the file and say what is wrong, by cell where a table is at fault.
 */
class DroolsExampleTablesTests {

    // What the sources of these files expect of them. Tables whose fact classes are simple beans compile with the
    // beans of the test class path, which DroolsExampleTablesBehaviourTests also runs them with.
    private static final Map<String, Integer> RULE_COUNTS = Map.ofEntries(
            Map.entry("kie-drools__agenda-group.drl.csv", 9),
            Map.entry("kie-drools__calendar_timer.drl.xls", 1),
            Map.entry("kie-drools__columnReplaceTest.drl.csv", 2),
            Map.entry("kie-drools__sequential.drl.csv", 3),
            Map.entry("kie-drools__Sample2.drl.xlsx", 2),
            Map.entry("baeldung__Discount.drl.xls", 3),
            Map.entry("baeldung__Product_rules.drl.xls", 3),
            Map.entry("kie-drools__ExamplePolicyPricing.drl.xls", 17),
            Map.entry("kie-drools__CustomerCheck.drl.xls", 4),
            Map.entry("kie-drools__PriceCheck.drl.xls", 3),
            Map.entry("kie-drools__StatusCheck.drl.xls", 3),
            Map.entry("kie-drools__unicode.drl.csv", 5),
            Map.entry("kie-drools__unicode.drl.xls", 5),
            Map.entry("kie-drools__sample_dates.drl.csv", 3),
            Map.entry("kie-drools__sample_dates.drl.xls", 3),
            Map.entry("kie-drools__multiple_tables.drl.xls", 4),
            Map.entry("kie-drools__XlsFormula.drl.xls", 3),
            Map.entry("kie-drools__NoConstraintsEmptyCells.drl.xls", 3),
            Map.entry("kie-drools__ShopRules.drl.xls", 2));
    private static final Map<String, String> REJECTIONS = Map.ofEntries(
            Map.entry("kie-drools__PhoneNumberCategory.drt", "not a rule file"),
            Map.entry("kie-drools__PhoneNumberCategory.drl.csv", "no cell starting with 'RuleTable'"),
            // Its cell K12, triggered by \u201Cno loop test\u201D, is text outside the CONDITION and ACTION columns and
            // passes, but its fact classes are not on the test class path.
            Map.entry("kie-drools__advanced_dt.drl.xls", "Tables!C11: rule 'HelloWorld_11': Unable to resolve "
                    + "ObjectType 'Subject'"),
            Map.entry("kie-drools__emptyCondition.drl.xls", "Data cell B8 has an empty column header"),
            Map.entry("kie-drools__test_pricing1.drl", "line 20: [ERR 107] Line 20:0 mismatched input 'template'"),
            // Drools 10.2 compiles only the first worksheet of a workbook, and these have a RuleTable on the second.
            Map.entry("kie-drools__IntegrationExampleTest.drl.xls", "Tables_2!C13: Drools reads only the first sheet"),
            Map.entry("kie-drools__MultiLinesInCells.drl.xls", "Tables (2)!B7: Drools reads only the first sheet"));

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    @TestFactory
    Stream<DynamicTest> everyDroolsFileCompilesOrIsRejectedPrecisely() throws IOException {
        Optional<Path> tables = SharedData.path("decision-tables");
        Optional<Path> drl = SharedData.path("drl");
        assumeTrue(tables.isPresent() && drl.isPresent(), SharedData.ABSENT);

        return Stream.concat(Files.list(tables.get()), Files.list(drl.get()))
                .filter(Files::isRegularFile)
                .sorted()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private void check(Path file) {
        String path = "examples/" + file.getFileName();
        ValidationReport report = validator.validateAny(path, Map.of(path, read(file)),
                getClass().getClassLoader());

        String name = file.getFileName().toString();
        if (RULE_COUNTS.containsKey(name)) {
            assertThat(report.errors()).isEmpty();
            assertThat(report.ruleCount()).isEqualTo(RULE_COUNTS.get(name));
        }
        if (REJECTIONS.containsKey(name)) {
            assertThat(report.errors()).anySatisfy(error -> assertThat(error.location() + ": " + error.message())
                    .contains(REJECTIONS.get(name)));
        }
        if (report.valid()) {
            assertThat(report.ruleCount()).isPositive();
            return;
        }
        assertThat(report.errors()).allSatisfy(error -> {
            assertThat(error.file()).isEqualTo(path);
            assertThat(error.message()).isNotBlank().doesNotContain("\n");
        });
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
