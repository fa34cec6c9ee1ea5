package io.solomo.rules;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import static io.solomo.rules.OffersWorkbook.bundledWith;
import static io.solomo.rules.OffersWorkbook.number;
import static io.solomo.rules.OffersWorkbook.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of single cells of the bundled offers table that Drools accepts but that fail later, or that Drools reports
 * only at a line of the DRL it generates. Column I contains the offer id, J the weight and H the hours "from, to" that
 * the condition {@code hour >= $1 && hour < $2} reads.
 */
class DecisionTableChecksTests {

    private static final String CSV_TABLE = "solomo/offers/evening.drl.csv";

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    @Test
    void weightOfZeroOrBelowRejected() {
        for (double weight : new double[] {-2, 0}) {
            ValidationReport report = validator.validateOffers("weight", bundledWith(number("J16", weight)));

            assertThat(report.errors()).singleElement().satisfies(error -> {
                assertThat(error.sheet()).isEqualTo("Offers");
                assertThat(error.cell()).isEqualTo("J16");
                assertThat(error.message()).contains("the weight " + (int) weight + " is not above 0")
                        .contains("write a number above 0");
            });
        }
    }

    @Test
    void negativeWeightAsTextRejected() {
        ValidationReport report = validator.validateOffers("weight", bundledWith(text("J16", "-2")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("J16");
            assertThat(error.message()).contains("the weight -2 is not above 0");
        });
    }

    @Test
    void nonNumericWeightRejectedOnItsCell() {
        ValidationReport report = validator.validateOffers("weight", bundledWith(text("J16", "beaucoup")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.sheet()).isEqualTo("Offers");
            assertThat(error.cell()).isEqualTo("J16");
            assertThat(error.message()).contains("the weight 'beaucoup' is not a number")
                    .contains("write a number above 0");
        });
    }

    @Test
    void weightOfZeroWordedInFrench() {
        ValidationReport report = validator.validateOffers("weight", bundledWith(number("J16", 0)));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("J16");
            assertThat(error.code()).isEqualTo("offer.weight-not-positive");
            assertThat(error.messageFr()).isEqualTo("le poids 0 n'est pas supérieur à 0, donc chaque décision à "
                    + "laquelle s'applique cette règle échouerait ; écrivez un nombre supérieur à 0, par exemple 1 "
                    + "ou 1.5");
        });
    }

    @Test
    void blankOfferIdWordedInFrench() {
        ValidationReport report = validator.validateOffers("blank", bundledWith(blank("I17")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("I17");
            assertThat(error.messageFr()).startsWith("l'identifiant d'offre manque à côté du poids ");
        });
    }

    @Test
    void dateCellWordedInFrench() {
        ValidationReport report = validator.validateOffers("date", bundledWith(text("K12", "DATE-EFFECTIVE")
                .andThen(OffersWorkbook.date("K17", java.time.LocalDate.of(2026, 12, 4)))
                .andThen(OffersWorkbook.date("D17", java.time.LocalDate.of(2026, 12, 4)))));

        assertThat(report.errors()).hasSize(2);
        assertThat(report.errors()).filteredOn(error -> error.cell().equals("K17")).singleElement()
                .satisfies(error -> {
                    assertThat(error.code()).isEqualTo("table.date-cell");
                    assertThat(error.messageFr()).startsWith("une cellule de date (affichée ")
                            .contains("numéro de série").contains("=TEXTE(...)");
                });
        assertThat(report.errors()).filteredOn(error -> error.cell().equals("D17")).singleElement()
                .satisfies(error -> {
                    assertThat(error.code()).isEqualTo("table.date-cell-outside-date-column");
                    assertThat(error.messageFr()).startsWith("le tableur a changé la valeur de cette cellule en date "
                            + "(affichée ").contains("mettez la cellule au format Texte");
                });
    }

    @Test
    void decimalWeightAsTextAccepted() {
        ValidationReport report = validator.validateOffers("weight", bundledWith(text("J16", "2.5")));

        assertThat(report.errors()).isEmpty();
    }

    @Test
    void blankWeightBesideOfferIdRejected() {
        ValidationReport report = validator.validateOffers("blank", bundledWith(blank("J17")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("J17");
            assertThat(error.message()).contains("the weight is missing").contains("GOLD-MORNING-COFFEE");
        });
    }

    @Test
    void misspeltFieldReportedAtItsCode() {
        ValidationReport report = validator.validateOffers("field",
                bundledWith(text("D14", "forall(||){storeChaine == \"$\"}")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.sheet()).isEqualTo("Offers");
            assertThat(error.cell()).isEqualTo("D14");
            assertThat(error.message()).contains("compares storeChaine, which ContactContext does not have")
                    .contains("storeChain");
        });
    }

    @Test
    void boundNamesAndLiteralsAreNoFields() {
        for (String code : new String[] {"forall(||){c : storeChain, c == \"$\"}",
                "forall(||){storeChain != null && null != \"$\" && storeChain == \"$\"}"}) {
            ValidationReport report = validator.validateOffers("field", bundledWith(text("D14", code)));

            assertThat(report.errors()).as(code).isEmpty();
        }
    }

    @Test
    void unknownFieldInUnusedColumnOnlyWarns() {
        ValidationReport report = validator.validateOffers("field",
                bundledWith(text("D14", "forall(||){storeChaine == \"$\"}").andThen(blank("D16"))
                        .andThen(blank("D17")).andThen(blank("D18")).andThen(blank("D19"))));

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).anySatisfy(warning -> {
            assertThat(warning.cell()).isEqualTo("D14");
            assertThat(warning.message()).contains("storeChaine").contains("not used");
        });
    }

    @Test
    void unbalancedCodeReportedAtItsCell() {
        Map<String, String> broken = Map.of(
                "F14", "atStore == ($param",
                "J14", "insert(new OfferCandidate(offerId, $param, $context.getStoreId(), drools.getRule().getName());",
                "C14", "forall(||){loyaltyTier == LoyaltyTier.$");
        broken.forEach((cell, code) -> {
            ValidationReport report = validator.validateOffers("brackets", bundledWith(text(cell, code)));

            assertThat(report.errors()).as(cell).singleElement().satisfies(error -> {
                assertThat(error.cell()).isEqualTo(cell);
                assertThat(error.message()).contains("without closing it");
            });
        });
    }

    @Test
    void bracketsInsideStringsAreIgnored() {
        assertThat(DecisionTableChecks.unbalanced("name == \"a (b\" && x == '}'")).isEmpty();
        assertThat(DecisionTableChecks.unbalanced("x == \"open").map(FindingText::english))
                .hasValueSatisfying(problem -> assertThat(problem).contains("never closed"));
        assertThat(DecisionTableChecks.unbalanced("f(x))").map(FindingText::english))
                .hasValueSatisfying(problem -> assertThat(problem).contains("')' at character 5 that closes nothing"));
    }

    @Test
    void unbalancedCodeWordedInFrench() {
        assertThat(DecisionTableChecks.unbalanced("f(x))").map(FindingText::french))
                .hasValue("le code contient le caractère « ) » en position 5, qui ne ferme rien ; vérifiez les "
                        + "parenthèses, crochets et accolades de cette cellule");
        assertThat(DecisionTableChecks.unbalanced("f(x").map(FindingText::french))
                .hasValue("le code ouvre « ( » sans le fermer ; ajoutez le « ) » manquant");
    }

    @Test
    void weightMergedOverRowsAccepted() {
        // Excel keeps the covered cell J17, blank, and Drools copies J16's weight into it.
        ValidationReport report = validator.validateOffers("merged", bundledWith(workbook -> {
            OffersWorkbook.cell(workbook, "J17").setBlank();
            workbook.getSheetAt(0).addMergedRegion(CellRangeAddress.valueOf("J16:J17"));
        }));

        assertThat(report.errors()).isEmpty();
    }

    @Test
    void javaNumberLiteralsAcceptedAsWeights() {
        for (String weight : new String[] {"1.5d", "2f", "1_000", "2.5e1D", "1L", "1e1_0"}) {
            ValidationReport report = validator.validateOffers("literal", bundledWith(text("J16", weight)));

            assertThat(report.errors()).as(weight).isEmpty();
        }
    }

    @Test
    void blankOfferIdBesideWeightRejected() {
        ValidationReport report = validator.validateOffers("blank", bundledWith(blank("I17")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("I17");
            assertThat(error.message()).contains("the offer id is missing");
        });
    }

    @Test
    void hoursFromAfterToAreRejected() {
        ValidationReport report = validator.validateOffers("hours", bundledWith(text("H17", "11, 7")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("H17");
            assertThat(error.message()).contains("the hour range '11, 7' matches no hour")
                    .contains("hour >= 11 && hour < 7");
        });
    }

    @Test
    void hourRangeWordedInFrench() {
        ValidationReport report = validator.validateOffers("hours", bundledWith(text("H17", "11, 7")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("H17");
            assertThat(error.code()).isEqualTo("range.matches-nothing");
            assertThat(error.messageFr()).startsWith("la plage « 11, 7 » ne retient aucune valeur du champ hour, car "
                    + "la condition devient hour >= 11 && hour < 7 ; ");
        });
    }

    @Test
    void hourOutOfDayInFrench() {
        ValidationReport report = validator.validateOffers("hours", bundledWith(text("H17", "7, 25")));

        assertThat(report.errors()).singleElement().satisfies(error -> assertThat(error.messageFr())
                .isEqualTo("la valeur de fin 25 dans « 7, 25 » est hors limites : le champ hour va de 0 à 23, donc "
                        + "avec la condition hour >= $1 && hour < $2 la valeur de début doit aller de 0 à 23 et la "
                        + "valeur de fin de 1 à 24 ; écrivez une valeur de fin de 1 à 24"));
    }

    @Test
    void hoursOfAnEmptyRangeAreRejected() {
        ValidationReport report = validator.validateOffers("hours", bundledWith(text("H17", "7, 7")));

        assertThat(report.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("the hour range '7, 7' matches no hour"));
    }

    @Test
    void hourOutOfTheDayIsRejected() {
        ValidationReport report = validator.validateOffers("hours", bundledWith(text("H17", "7, 25")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("H17");
            assertThat(error.message()).contains("the to value 25 in '7, 25' is out of range")
                    .contains("from 1 to 24");
        });
    }

    @Test
    void negativeFromHourIsRejected() {
        ValidationReport report = validator.validateOffers("hours", bundledWith(text("H17", "-1, 7")));

        assertThat(report.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("the from value -1 in '-1, 7' is out of range")
                        .contains("from 0 to 23"));
    }

    @Test
    void singleHourIsRejectedOnItsCell() {
        ValidationReport report = validator.validateOffers("hours", bundledWith(text("H17", "7")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(OffersWorkbook.WORKBOOK);
            assertThat(error.sheet()).isEqualTo("Offers");
            assertThat(error.cell()).isEqualTo("H17");
            assertThat(error.message()).contains("the hour range '7' needs two whole numbers, from and to");
        });
    }

    @Test
    void wholeDayOfHoursIsAccepted() {
        ValidationReport report = validator.validateOffers("hours", bundledWith(text("H17", "0, 24")));

        assertThat(report.errors()).isEmpty();
    }

    @Test
    void inclusiveHourRangeAllowsUpTo23() {
        ValidationReport late = validator.validateOffers("csv", Map.of(CSV_TABLE, inclusiveHoursTable("7, 24")));
        ValidationReport single = validator.validateOffers("csv", Map.of(CSV_TABLE, inclusiveHoursTable("9, 9")));

        assertThat(late.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(CSV_TABLE);
            assertThat(error.cell()).isEqualTo("D8");
            assertThat(error.message()).contains("the to value 24 in '7, 24' is out of range")
                    .contains("hour >= $1, hour <= $2").contains("write a to value from 0 to 23");
        });
        assertThat(single.errors()).isEmpty();
    }

    @Test
    void frenchQuotesInRuleNamesAreAccepted() {
        Map<String, byte[]> files = bundledWith(text("B16", "Offrir la \u00AB Bienvenue \u00BB")
                .andThen(text("B17", "\u201CLe caf\u00E9\u201D du matin chez l\u2019enseigne Demo March\u00E9\u2019")));

        ValidationReport report = validator.validateOffers("quotes", files);

        assertThat(report.errors()).isEmpty();
    }

    @Test
    void quotesAroundConditionValueRejected() {
        ValidationReport report = validator.validateOffers("quotes",
                bundledWith(text("D17", "\u00AB Demo March\u00E9 \u00BB")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("D17");
            assertThat(error.message()).contains("typographic quotes");
        });
    }

    /** Returns a CSV table of one rule whose hours cell, D8, the condition hour >= $1, hour <= $2 reads. */
    private static byte[] inclusiveHoursTable(String hours) {
        String csv = String.join("\n",
                "RuleSet,solomo.offers",
                "Import,\"io.solomo.model.offer.ContactContext, io.solomo.model.offer.OfferCandidate\"",
                ",RuleTable Evening offers",
                ",NAME,CONDITION,CONDITION,ACTION",
                ",,$context : ContactContext...,$context : ContactContext...,",
                ",,atStore == $param,\"hour >= $1, hour <= $2\",\"insert(new OfferCandidate(\"\"$param\"\", 1.0, "
                        + "$context.getStoreId(), drools.getRule().getName()));\"",
                ",Rule,At a store,Hours,Offer",
                ",Evening offer at a store,true,\"" + hours + "\",EVENING-OFFER",
                "");
        return csv.getBytes(StandardCharsets.UTF_8);
    }

    private static Consumer<XSSFWorkbook> blank(String reference) {
        return workbook -> {
            Cell cell = OffersWorkbook.cell(workbook, reference);
            cell.getRow().removeCell(cell);
        };
    }
}
