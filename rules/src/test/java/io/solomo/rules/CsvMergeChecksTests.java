package io.solomo.rules;

import io.solomo.model.LoyaltyTier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static io.solomo.rules.OfferRulesFixtures.atStore;
import static io.solomo.rules.OfferRulesFixtures.customer;
import static io.solomo.rules.OfferRulesFixtures.offerIds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV decision tables cannot merge cells, so Drools reads cells ending with {@code ...} as merged. Each test writes a
 * small offers table: column A for notes, then the rule name, a CustomerFacts condition, two ContactContext
 * conditions (columns D and E, merged in the pattern row 5 when all goes well) and the action.
 */
class CsvMergeChecksTests {

    private static final String TABLE = "solomo/offers/afternoon.drl.csv";
    private static final String CUSTOMER = "$customer : CustomerFacts";
    private static final String CONTEXT = "$context : ContactContext";

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    @Test
    void mergedPatternCellsBuildOnePattern() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", CONTEXT + "...", null), rule("14"));

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.generatedDrl().get(TABLE)).contains(CONTEXT + "(atStore == true, hour >= 14)");
        OfferRuleBase rules = report.activatableRules().orElseThrow();
        RuleOutcome afternoon = rules.evaluate(customer(LoyaltyTier.GOLD), atStore("Demo", DayOfWeek.FRIDAY, 15));
        RuleOutcome morning = rules.evaluate(customer(LoyaltyTier.GOLD), atStore("Demo", DayOfWeek.FRIDAY, 9));
        assertThat(offerIds(afternoon)).containsExactly("GOLD-AFTERNOON");
        assertThat(offerIds(morning)).isEmpty();
    }

    @Test
    void typeChecksTheColumnsOfAMergedPattern() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", CONTEXT + "...", null), rule("two"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("E8");
            assertThat(error.message()).isEqualTo("'two' is not a whole number, but hour of ContactContext is one");
        });
    }

    @Test
    void bareDotsContinuingAPatternAreRejected() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", "...", null), rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.file()).isEqualTo(TABLE);
            assertThat(error.sheet()).isNull();
            assertThat(error.cell()).isEqualTo("E5");
            assertThat(error.message()).contains("contains only '...'").contains("reads as a blank cell")
                    .contains("column E does not join the pattern " + CONTEXT + " of D5")
                    .contains("write " + CONTEXT + "... here");
        });
        assertThat(report.valid()).isFalse();
    }

    @Test
    void bareDotsWithNothingToContinueAreRejected() {
        ValidationReport report = validate(patterns(CUSTOMER, "...", CONTEXT + "...", null), rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("D5");
            assertThat(error.message()).contains("contains only '...'")
                    .contains("the merged cells D5:E5 start without a pattern");
        });
    }

    @Test
    void loneBareDotsAfterAPlainPatternAreRejected() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT, "...", null), rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("E5");
            assertThat(error.message()).contains("the code of column E is used on its own, outside any pattern");
        });
    }

    @Test
    void mergeMarkOnlyOnContinuingCell() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT, CONTEXT + "...", null), rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("E5");
            assertThat(error.message()).startsWith("'" + CONTEXT + "...' ends with '...' but D5")
                    .contains("end D5 with '...' too");
        });
    }

    @Test
    void differentTextInAMergedPatternIsRejected() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", "Store...", null), rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("E5");
            assertThat(error.message()).startsWith("Drools ignores 'Store' here")
                    .contains("continues the merged pattern " + CONTEXT + " that starts at D5");
        });
    }

    @Test
    void mergeIntoActionRejected() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", CONTEXT + "...", CONTEXT + "..."),
                rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("F5");
            assertThat(error.message()).startsWith("column F is an ACTION column but its pattern cell continues")
                    .contains("which is a CONDITION column");
        });
    }

    @Test
    void mergeIntoActionWordedInFrench() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", CONTEXT + "...", CONTEXT + "..."),
                rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("F5");
            assertThat(error.code()).isEqualTo("csv.covered-kind-differs");
            assertThat(error.messageFr()).isEqualTo("la colonne F est une colonne ACTION mais sa cellule de motif "
                    + "prolonge le motif fusionné " + CONTEXT + " de D5, qui est une colonne CONDITION, Drools "
                    + "mettrait donc le code de cette colonne dans ce motif ; supprimez les « ... » des cellules des "
                    + "colonnes D et F");
        });
    }

    @Test
    void bareDotsWordedInFrench() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", "...", null), rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("E5");
            assertThat(error.messageFr()).isEqualTo("la cellule ne contient que « ... », que Drools lit comme une "
                    + "cellule vide, la colonne E ne rejoint donc pas le motif " + CONTEXT + " de D5 et son code est "
                    + "utilisé seul ; écrivez ici " + CONTEXT + "..., comme dans D5");
        });
    }

    @Test
    void spacesAfterTheDotsAreRejected() {
        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", CONTEXT + "... ", null), rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("E5");
            assertThat(error.message()).contains("has spaces after '...'");
        });
    }

    @Test
    void mergeLeftOfTableRejected() {
        String patterns = line("notes...", "...", CUSTOMER + "...", CONTEXT + "...", CONTEXT + "...", null);

        ValidationReport report = validate(patterns, rule("14"));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("A5");
            assertThat(error.message()).contains("lies left of the RuleTable");
        });
    }

    @Test
    void dotsThatMergeNothingAreOnlyAWarning() {
        String withoutAtStore = line(null, "Gold members in the afternoon", "GOLD", null, "14", "GOLD-AFTERNOON");

        ValidationReport report = validate(patterns(CUSTOMER + "...", null, CONTEXT + "...", null), withoutAtStore);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).extracting(Finding::cell).containsExactly("C5", "E5");
        assertThat(report.warnings()).allSatisfy(warning ->
                assertThat(warning.message()).contains("merges this cell with nothing"));
    }

    @Test
    void bareDotsInARuleRowAreRejected() {
        String rule = line(null, "Gold members at a store in the afternoon", "GOLD", "...", "14", "GOLD-AFTERNOON");

        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", CONTEXT + "...", null), rule);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("D8");
            assertThat(error.message()).contains("merges only the pattern cells of row 5")
                    .contains("this cell gives no value");
        });
    }

    @Test
    void dotsEndingAValueAreRemovedWithAWarning() {
        String rule = line(null, "Gold members at a store in the afternoon", "GOLD", "true", "14",
                "GOLD-AFTERNOON...");

        ValidationReport report = validate(patterns(CUSTOMER, CONTEXT + "...", CONTEXT + "...", null), rule);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.cell()).isEqualTo("F8");
            assertThat(warning.message()).contains("reads 'GOLD-AFTERNOON' instead of 'GOLD-AFTERNOON...'");
        });
        assertThat(report.generatedDrl().get(TABLE)).contains("new OfferCandidate(\"GOLD-AFTERNOON\",");
    }

    @Test
    void scenarioFilesKeepTheirDots() {
        TableGrid grid = CsvTableReader.read("solomo/offers/offers.scenarios.csv",
                "Scenario,Expected offers\nWait...,none\n".getBytes(StandardCharsets.UTF_8));

        String scenarioName = grid.text(1, 0);

        assertThat(scenarioName).isEqualTo("Wait...");
        assertThat(grid.merges()).isEmpty();
    }

    private ValidationReport validate(String patternRow, String ruleRow) {
        String csv = line("RuleSet", "solomo.offers")
                + line("Import", "io.solomo.model.LoyaltyTier, io.solomo.model.offer.CustomerFacts, "
                + "io.solomo.model.offer.ContactContext, io.solomo.model.offer.OfferCandidate")
                + line(null, "RuleTable Afternoon offers")
                + line(null, "NAME", "CONDITION", "CONDITION", "CONDITION", "ACTION")
                + patternRow
                + line(null, null, "loyaltyTier == LoyaltyTier.$param", "atStore == $param", "hour >= $param",
                "insert(new OfferCandidate(\"$param\", 1.0, $context.getStoreId(), drools.getRule().getName()));")
                + line("Notes", "Rule", "Tier", "At a store", "From hour", "Offer")
                + ruleRow;
        return validator.validateOffers("csv", Map.of(TABLE, csv.getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the pattern row: the patterns of columns C to F. */
    private static String patterns(String tier, String atStore, String hour, String action) {
        return line(null, null, tier, atStore, hour, action);
    }

    private static String rule(String fromHour) {
        return line(null, "Gold members at a store in the afternoon", "GOLD", "true", fromHour, "GOLD-AFTERNOON");
    }

    /** Returns one CSV line: a null cell is left empty, any other is quoted with its quotes doubled. */
    private static String line(String... cells) {
        return Arrays.stream(cells)
                .map(cell -> cell == null ? "" : "\"" + cell.replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(",")) + "\n";
    }
}
