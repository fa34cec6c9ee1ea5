package io.solomo.rules;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.solomo.rules.OffersWorkbook.bundledWith;
import static io.solomo.rules.OffersWorkbook.cell;
import static io.solomo.rules.OffersWorkbook.number;
import static io.solomo.rules.OffersWorkbook.text;
import static org.assertj.core.api.Assertions.assertThat;

class RuleSetValidatorTests {

    private static final String[] SCENARIO_TITLES = {"Scenario", "Loyalty tier", "Channel", "Store id", "Store chain",
            "Day", "Hour", "Expected offers"};

    private static final String CSV_TABLE = "solomo/offers/store.drl.csv";

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    /**
     * Returns a CSV table of one offer rule whose only condition is the given ContactContext code, with the value
     * written as is in cell B8.
     */
    private static byte[] storeOffersCsv(String condition, String value) {
        return String.join("\n",
                "RuleSet,solomo.offers",
                "Import,\"io.solomo.model.offer.ContactContext, io.solomo.model.offer.OfferCandidate\"",
                "RuleTable Store offers",
                "NAME,CONDITION,ACTION",
                ",$context : ContactContext,",
                "," + condition + ",\"insert(new OfferCandidate(\"\"$param\"\", 1.0, $context.getStoreId(), "
                        + "drools.getRule().getName()));\"",
                "Rule,At a store,Offer",
                "Welcome at a store," + value + ",STORE-WELCOME-10",
                "").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsTheBundledRulesAndGeneratesTheTableDrl() {
        ValidationReport report = validator.validateOffers("1", OfferRuleCompiler.bundledFiles());

        assertThat(report.errors()).isEmpty();
        assertThat(report.valid()).isTrue();
        // Four table rows, the three suitability rules and the two recognition rules.
        assertThat(report.ruleCount()).isEqualTo(9);
        assertThat(report.generatedDrl().get(OffersWorkbook.WORKBOOK)).contains("package solomo.offers;")
                .contains("rule \"" + OfferRulesFixtures.WELCOME + "\"");
        assertThat(report.activatableRules()).isPresent();
    }

    @Test
    void rejectsAWorkbookThatDroolsWouldSkipBecauseOfItsName() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.xlsx", files.remove(OffersWorkbook.WORKBOOK));

        ValidationReport report = validator.validateOffers("2", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("solomo/offers/offers.xlsx");
            assertThat(error.message()).contains("rename it to solomo/offers/offers.drl.xlsx");
        });
    }

    @Test
    void rejectsATableWithoutRuleRows() {
        Map<String, byte[]> files = bundledWith(workbook -> {
            Sheet sheet = workbook.getSheet("Offers");
            for (int row = 15; row <= 18; row++) {
                sheet.removeRow(sheet.getRow(row));
            }
        });
        files.remove("solomo/offers/suitability.drl");

        ValidationReport report = validator.validateOffers("3", files);

        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("B11");
            assertThat(error.message()).contains("no rule rows");
        });
    }

    @Test
    void pointsAtANumberThatShowsRoundButIsStoredWithNoise() {
        ValidationReport report = validator.validateOffers("4", bundledWith(number("J17", 1500.0000000000002)));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.sheet()).isEqualTo("Offers");
            assertThat(error.cell()).isEqualTo("J17");
            assertThat(error.message()).contains("shows 1500 but stores 1500.0000000000002");
        });
    }

    @Test
    void pointsAtADateCellThatWouldReachTheRulesAsASerialNumber() {
        // A DATE-EFFECTIVE attribute column, whose values Drools reads as text such as 04-Dec-2026.
        ValidationReport report = validator.validateOffers("5", bundledWith(text("K12", "DATE-EFFECTIVE")
                .andThen(text("K15", "Valid from"))
                .andThen(OffersWorkbook.date("K17", java.time.LocalDate.of(2026, 12, 4)))));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("K17");
            assertThat(error.message()).contains("date cell").contains("serial number");
            assertThat(error.message()).contains("type the date as text, such as 04-Dec-2026");
        });
    }

    @Test
    void dateCellOutsideDateColumn() {
        // A spreadsheet in French reads 7/11, typed as an hour range, as the date 7 November.
        ValidationReport report = validator.validateOffers("5", bundledWith(
                OffersWorkbook.date("H17", java.time.LocalDate.of(2026, 11, 7))
                        .andThen(OffersWorkbook.date("D17", java.time.LocalDate.of(2026, 12, 4)))));

        assertThat(report.errors()).extracting(Finding::cell).containsExactlyInAnyOrder("H17", "D17");
        assertThat(report.errors()).allSatisfy(error -> {
            assertThat(error.message()).contains("turned the value of this cell into a date");
            assertThat(error.message()).contains("format the cell as Text");
            assertThat(error.message()).doesNotContain("04-Dec-2026");
            assertThat(error.messageFr()).contains("mettez la cellule au format Texte");
        });
    }

    @Test
    void pointsAtTypographicQuotesInValuesAndInCode() {
        ValidationReport report = validator.validateOffers("6", bundledWith(text("D17", "\u201CDemo Marché\u201D")
                .andThen(text("E14", "forall(||){storeId == \u201C$\u201D}"))));

        assertThat(report.errors()).extracting(Finding::cell).containsExactlyInAnyOrder("D17", "E14");
        assertThat(report.errors()).allSatisfy(error -> assertThat(error.message()).contains("typographic quote"));
    }

    @Test
    void pointsAtMergedCellsWhoseCoveredCellsAreMissing() {
        Map<String, byte[]> files = bundledWith(workbook -> {
            Sheet sheet = workbook.getSheet("Offers");
            sheet.removeMergedRegion(0);
            Row patterns = sheet.getRow(12);
            for (int column = 4; column <= 7; column++) {
                if (patterns.getCell(column) != null) {
                    patterns.removeCell(patterns.getCell(column));
                }
            }
            sheet.addMergedRegion(CellRangeAddress.valueOf("D13:H13"));
        });

        ValidationReport report = validator.validateOffers("7", files);

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("E13");
            assertThat(error.message()).contains("merged cells D13:H13").contains("4 covered cells missing");
        });
    }

    @Test
    void pointsAtTheSecondUseOfARuleName() {
        ValidationReport report = validator.validateOffers("8",
                bundledWith(text("B18", OfferRulesFixtures.MORNING_COFFEE)));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("B18");
            assertThat(error.message()).contains("already used at solomo/offers/offers.drl.xlsx Offers!B17");
        });
    }

    @Test
    void duplicateRuleNameInFrench() {
        ValidationReport report = validator.validateOffers("8",
                bundledWith(text("B18", OfferRulesFixtures.MORNING_COFFEE)));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("rule.duplicate-name");
            assertThat(error.messageFr()).isEqualTo("le nom de règle « " + OfferRulesFixtures.MORNING_COFFEE
                    + " » est déjà utilisé dans solomo/offers/offers.drl.xlsx Offers!B17 ; chaque règle doit avoir "
                    + "un nom unique");
        });
    }

    @Test
    void drlRuleLineWordedInFrench() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("solomo/offers/copy.drl", ("package solomo.offers;\n\nrule \"" + OfferRulesFixtures.WELCOME
                + "\"\nwhen\nthen\nend\n").getBytes(StandardCharsets.UTF_8));
        files.putAll(OfferRuleCompiler.bundledFiles());

        ValidationReport report = validator.validateOffers("8", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(OffersWorkbook.WORKBOOK);
            assertThat(error.message()).endsWith("is already used at solomo/offers/copy.drl line 3; every rule needs "
                    + "a unique name");
            assertThat(error.messageFr()).endsWith("est déjà utilisé dans solomo/offers/copy.drl, ligne 3 ; chaque "
                    + "règle doit avoir un nom unique");
        });
    }

    @Test
    void pointsAtConditionValuesOfTheWrongTypeForTheirField() {
        ValidationReport report = validator.validateOffers("9", bundledWith(text("C17", "GOLD, DIAMOND")
                .andThen(text("H17", "7, eleven")).andThen(text("F18", "sometimes"))));

        assertThat(report.errors()).extracting(Finding::cell, Finding::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("C17", "'DIAMOND' is not a loyaltyTier value; expected one of "
                        + "BRONZE, SILVER, GOLD, PLATINUM (in capitals)"),
                org.assertj.core.groups.Tuple.tuple("H17", "'eleven' is not a whole number, but hour of "
                        + "ContactContext is one"),
                org.assertj.core.groups.Tuple.tuple("F18", "'sometimes' is not TRUE or FALSE (or VRAI or FAUX), but "
                        + "atStore of ContactContext is a yes-or-no field"));
    }

    @Test
    void pointsAtRuleRowsCutOffByABlankRow() {
        Map<String, byte[]> files = bundledWith(workbook -> {
            Sheet sheet = workbook.getSheet("Offers");
            Row row = sheet.getRow(17);
            while (row.getLastCellNum() > 0) {
                row.removeCell(row.getCell(row.getLastCellNum() - 1) == null
                        ? row.createCell(row.getLastCellNum() - 1) : row.getCell(row.getLastCellNum() - 1));
            }
        });

        ValidationReport report = validator.validateOffers("10", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("B19");
            assertThat(error.message()).contains("row 18 is blank");
        });
    }

    @Test
    void rejectsARuleTableOnALaterSheet() {
        Map<String, byte[]> files = bundledWith(workbook -> workbook.createSheet("Later offers").createRow(1)
                .createCell(1).setCellValue("RuleTable Later offers"));

        ValidationReport report = validator.validateOffers("21", files);

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.sheet()).isEqualTo("Later offers");
            assertThat(error.cell()).isEqualTo("B2");
            assertThat(error.message()).startsWith("Drools reads only the first sheet of a workbook ('Offers')");
        });
    }

    @Test
    void pointsAtADecimalCommaTypedAsText() {
        ValidationReport report = validator.validateOffers("11", bundledWith(text("J17", "1,5")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("J17");
            assertThat(error.message()).contains("decimal comma").contains("write 1.5");
        });
    }

    @Test
    void ruleSetOfOtherPackageRejected() {
        ValidationReport report = validator.validateOffers("24", bundledWith(text("C8", "solomo.offres")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.sheet()).isEqualTo("Offers");
            assertThat(error.cell()).isEqualTo("C8");
            assertThat(error.message()).contains("reads 'solomo.offres'").contains("write solomo.offers");
        });
    }

    @Test
    void ruleSetPackageReadPastBlankCell() {
        ValidationReport report = validator.validateOffers("26", bundledWith(text("C8", " ")
                .andThen(text("D8", "solomo.offers"))));

        assertThat(report.errors()).isEmpty();
    }

    @Test
    void semicolonSeparatedTableRejected() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/evening.drl.csv", "RuleSet;solomo.offers\nRuleTable Evening;\n"
                .getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("27", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("solomo/offers/evening.drl.csv");
            assertThat(error.cell()).isEqualTo("line 1");
            assertThat(error.message()).contains("separated by ';'").contains("CSV UTF-8 (comma delimited)");
        });
    }

    @Test
    void drlOfOtherPackageRejected() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/extra.drl", "// offers for the shop floor\npackage solomo.shop;\n\nrule \"Nothing\"\n"
                .concat("when\nthen\nend\n").getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("25", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("solomo/offers/extra.drl");
            assertThat(error.cell()).isEqualTo("line 2");
            assertThat(error.message()).contains("package is solomo.shop").contains("'package solomo.offers;'");
        });
    }

    @Test
    void readsTheSameRulesWhateverTheServerLanguage() {
        Map<String, byte[]> files = bundledWith(number("J18", 1.25));
        Locale before = Locale.getDefault();
        String english;
        String french;
        try {
            Locale.setDefault(Locale.UK);
            english = validator.validateOffers("12", files).generatedDrl().get(OffersWorkbook.WORKBOOK);
            Locale.setDefault(Locale.FRANCE);
            french = validator.validateOffers("12", files).generatedDrl().get(OffersWorkbook.WORKBOOK);
        } finally {
            Locale.setDefault(before);
        }

        assertThat(french).isEqualTo(english).contains("insert(new OfferCandidate(offerId, 1.25,");
    }

    @Test
    void compilesFormulaCellsFromTheirCachedValuesWithoutEvaluatingThem() {
        Map<String, byte[]> files = bundledWith(workbook -> {
            cell(workbook, "J18").setCellFormula("1+1");
            // Setting a value on a formula cell sets its cached result: what the spreadsheet last calculated.
            cell(workbook, "J18").setCellValue(3);
        });

        ValidationReport report = validator.validateOffers("13", files);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.sheet()).isEqualTo("Offers");
            assertThat(warning.cell()).isEqualTo("J18");
            assertThat(warning.message()).startsWith("the formula cell Offers!J18 is read from the value the "
                    + "spreadsheet last calculated");
            assertThat(warning.messageFr()).startsWith("la cellule Offers!J18, qui contient une formule, est lue");
        });
        assertThat(report.generatedDrl().get(OffersWorkbook.WORKBOOK))
                .contains("insert(new OfferCandidate(offerId, 3.0,");
    }

    @Test
    void formulaWarningNamesEachCell() {
        Map<String, byte[]> files = bundledWith(workbook -> {
            for (String reference : List.of("J17", "J18")) {
                cell(workbook, reference).setCellFormula("1+1");
                cell(workbook, reference).setCellValue(2);
            }
        });

        ValidationReport report = validator.validateOffers("13", files);

        assertThat(report.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.cell()).isEqualTo("J17");
            assertThat(warning.message()).startsWith("2 formula cells (Offers!J17, Offers!J18) are read");
            assertThat(warning.messageFr()).startsWith("les 2 cellules contenant une formule (Offers!J17, "
                    + "Offers!J18) sont lues");
        });
    }

    @Test
    void formulaWithoutSavedValueRejectedAtItsCell() {
        Map<String, byte[]> files = bundledWith(workbook -> {
            var weight = (org.apache.poi.xssf.usermodel.XSSFCell) cell(workbook, "J18");
            weight.setCellFormula("J17*2");
            // A script such as openpyxl writes the formula alone, without the <v> value a spreadsheet saves.
            if (weight.getCTCell().isSetV()) {
                weight.getCTCell().unsetV();
            }
        });

        ValidationReport report = validator.validateOffers("13", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.sheet()).isEqualTo("Offers");
            assertThat(error.cell()).isEqualTo("J18");
            assertThat(error.code()).isEqualTo("workbook.formula-without-value");
            assertThat(error.message()).isEqualTo("the cell holds the formula =J17*2 with no saved value, as in "
                    + "files written by scripts, so the rules would read 0 or an empty cell here; open and save the "
                    + "file in Excel or LibreOffice, which calculates the formula and saves its value");
            assertThat(error.messageFr()).startsWith("la cellule contient la formule =J17*2 sans valeur "
                    + "enregistrée");
        });
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void booleanTextAcceptedInAnyCase() {
        Map<String, Boolean> spellings = Map.of("TRUE", true, "False", false, "VRAI", true, "faux", false);
        spellings.forEach((typed, meaning) -> {
            Map<String, byte[]> files = bundledWith(text("F16", typed));

            ValidationReport report = validator.validateOffers("30", files);

            assertThat(report.errors()).as(typed).isEmpty();
            assertThat(report.generatedDrl().get(OffersWorkbook.WORKBOOK)).as(typed)
                    .contains("$context : ContactContext(atStore == " + meaning + ")");
            assertThat(validator.ruleText(files).get(OffersWorkbook.WORKBOOK)).as(typed)
                    .contains("$context : ContactContext(atStore == " + meaning + ")");
        });
    }

    @Test
    void booleanTextReadInCsvTable() {
        ValidationReport report = validator.validateOffers("31",
                Map.of(CSV_TABLE, storeOffersCsv("atStore == $param", "Vrai")));

        assertThat(report.errors()).isEmpty();
        assertThat(report.generatedDrl().get(CSV_TABLE)).contains("ContactContext(atStore == true)");
    }

    @Test
    void booleanTextInListRejected() {
        ValidationReport report = validator.validateOffers("32",
                Map.of(CSV_TABLE, storeOffersCsv("forall(||){atStore == $}", "\"true, FALSE\"")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("B8");
            assertThat(error.code()).isEqualTo("value.boolean-case");
            assertThat(error.message()).isEqualTo("'FALSE' is copied into the rules as written, and they read only "
                    + "lowercase false; write false");
            assertThat(error.messageFr()).isEqualTo("« FALSE » est recopié tel quel dans les règles, qui ne lisent "
                    + "que false en minuscules ; écrivez false");
        });
    }

    @Test
    void booleanTextInCodeWithPlaceholderRejected() {
        ValidationReport report = validator.validateOffers("33",
                Map.of(CSV_TABLE, storeOffersCsv("atStore == $1", "TRUE")));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("B8");
            assertThat(error.code()).isEqualTo("value.boolean-case");
            assertThat(error.message()).doesNotContain("several");
        });
    }

    @Test
    void csvTableWithByteOrderMarkCompiles() {
        byte[] withoutMark = storeOffersCsv("atStore == $param", "true");
        byte[] withMark = new byte[withoutMark.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(withoutMark, 0, withMark, 3, withoutMark.length);

        ValidationReport report = validator.validateOffers("33", Map.of(CSV_TABLE, withMark));

        assertThat(report.errors()).isEmpty();
        assertThat(report.ruleCount()).isEqualTo(1);
        assertThat(validator.ruleText(Map.of(CSV_TABLE, withMark)).get(CSV_TABLE))
                .contains("package solomo.offers;");
    }

    @Test
    void scenarioFileWithByteOrderMarkRuns() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.scenarios.csv", ("\uFEFF" + String.join("\r\n",
                "Scenario,Loyalty tier,Day,Hour,Expected offers",
                "Away on push,SILVER,TUESDAY,12,APP-LOYALTY-5EUR")).getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("34", files);

        assertThat(report.errors()).isEmpty();
        assertThat(report.scenariosPassed()).isEqualTo(1);
    }

    @Test
    void ruleRowWithoutNameWarned() {
        Map<String, byte[]> files = bundledWith(workbook -> {
            Row row = workbook.getSheet("Offers").getRow(16);
            row.removeCell(row.getCell(1));
        });

        ValidationReport report = validator.validateOffers("35", files);

        assertThat(report.errors()).isEmpty();
        assertThat(report.generatedDrl().get(OffersWorkbook.WORKBOOK)).contains("rule \"Offer eligibility_17\"");
        assertThat(report.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.sheet()).isEqualTo("Offers");
            assertThat(warning.cell()).isEqualTo("B17");
            assertThat(warning.code()).isEqualTo("table.rule-name-missing");
            assertThat(warning.message()).isEqualTo("the rule has no name, so Drools names it 'Offer eligibility_17', "
                    + "and decisions list that name among their reasons; write a unique sentence that says what the "
                    + "rule does");
            assertThat(warning.messageFr()).startsWith("la règle n'a pas de nom, Drools la nomme donc "
                    + "« Offer eligibility_17 »");
        });
    }

    @Test
    void ruleRowWithOnlyANameWarned() {
        Map<String, byte[]> files = bundledWith(workbook -> {
            Row row = workbook.getSheet("Offers").getRow(18);
            for (int column : new int[] {5, 8, 9}) {
                row.removeCell(row.getCell(column));
            }
        });

        ValidationReport report = validator.validateOffers("35", files);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.sheet()).isEqualTo("Offers");
            assertThat(warning.cell()).isEqualTo("B19");
            assertThat(warning.code()).isEqualTo("table.rule-name-only");
            assertThat(warning.message()).isEqualTo("the row has a rule name but no condition or action, so Drools "
                    + "would make a rule that matches every contact and does nothing; fill in the row, or delete it");
            assertThat(warning.messageFr()).startsWith("la ligne a un nom de règle mais aucune condition ni action");
        });
    }

    @Test
    void offerIdCellOfEachTableRule() {
        ValidationReport report = validator.validateOffers("36", OfferRuleCompiler.bundledFiles());

        assertThat(report.offerIdCells().get(OfferRulesFixtures.WELCOME))
                .isEqualTo(new CellPlace(OffersWorkbook.WORKBOOK, "Offers", "I16"));
        assertThat(report.offerIdCells().get(OfferRulesFixtures.APP_VOUCHER))
                .isEqualTo(new CellPlace(OffersWorkbook.WORKBOOK, "Offers", "I19"));
    }

    @Test
    void scenarioTitleQuotedAsWritten() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.scenarios.csv", String.join("\n",
                "Scenario,Loyalty Tier,DAY,Hour,Expected offers",
                "Sunday,,SUNDAE,12,none").getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("37", files);

        assertThat(report.errors()).extracting(Finding::cell, Finding::messageFr).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("B2", "ligne de scénario : la cellule de la colonne "
                        + "« Loyalty Tier » est vide"),
                org.assertj.core.groups.Tuple.tuple("C2", "ligne de scénario : « SUNDAE » n'est pas une valeur "
                        + "possible de « DAY » ; valeurs attendues : [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, "
                        + "SATURDAY, SUNDAY]"));
    }

    @Test
    void scenarioValueQuotedAsTyped() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.scenarios.csv", String.join("\n",
                "Scenario,Loyalty tier,Day,Hour,Expected offers",
                "Friday,Silver,Vendredi,12,none").getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("38", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("C2");
            assertThat(error.message()).contains("'Vendredi' is not a Day").doesNotContain("VENDREDI");
            assertThat(error.messageFr()).contains("« Vendredi »").doesNotContain("VENDREDI");
        });
    }

    @Test
    void semicolonInExpectedOffersGetsHint() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.scenarios.csv", String.join("\n",
                "Scenario,Loyalty tier,Day,Hour,Store id,Store chain,Expected offers",
                "Gold morning,GOLD,MONDAY,8,demo-bastille,Demo Marché,\"GOLD-MORNING-COFFEE; STORE-WELCOME-10\"")
                .getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("39", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("G2");
            assertThat(error.code()).isEqualTo("scenario.row-invalid");
            assertThat(error.message()).contains("separate them with commas, as in "
                    + "'GOLD-MORNING-COFFEE, STORE-WELCOME-10'");
            assertThat(error.messageFr()).contains("séparez-les par des virgules");
        });
    }

    @Test
    void reportsACompilationErrorAtTheRuleRowOfTheTable() {
        ValidationReport report = validator.validateOffers("14", bundledWith(text("E17", "store\\")));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.sheet()).isEqualTo("Offers");
            assertThat(error.cell()).isEqualTo("B17");
            assertThat(error.message()).contains(OfferRulesFixtures.MORNING_COFFEE);
        });
        assertThat(report.errors()).allSatisfy(error -> assertThat(error.file()).isEqualTo(OffersWorkbook.WORKBOOK));
    }

    @Test
    void tableErrorQuotedInFrench() {
        ValidationReport report = validator.validateOffers("14", bundledWith(text("E17", "store\\")));

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.cell()).isEqualTo("B17");
            assertThat(error.code()).isEqualTo("drools.rule-error");
            String droolsText = error.message().substring(("rule '" + OfferRulesFixtures.MORNING_COFFEE + "': ")
                    .length());
            assertThat(error.messageFr()).isEqualTo("la règle « " + OfferRulesFixtures.MORNING_COFFEE + " » ne "
                    + "compile pas ; Drools indique en anglais : « " + droolsText + " »");
        });
    }

    @Test
    void drlErrorQuotedInFrench() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/broken.drl", String.join("\n", "package solomo.offers;", "",
                "import io.solomo.model.offer.ContactContext;", "", "rule \"Unfinished\"", "when",
                "    ContactContext( hour >= )", "then", "end", "").getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("28", files);

        assertThat(report.errors()).anySatisfy(error -> {
            assertThat(error.file()).isEqualTo("solomo/offers/broken.drl");
            assertThat(error.cell()).startsWith("line 7");
            assertThat(error.code()).isEqualTo("drools.error");
            assertThat(error.message()).contains("no viable alternative at input ')'");
            assertThat(error.messageFr()).isEqualTo("erreur de compilation ; Drools indique en anglais : « "
                    + error.message() + " »");
        });
    }

    @Test
    void runsScenariosAndReportsEachFailingRowWithExpectedAndActualOffers() {
        Map<String, byte[]> files = bundledWith(OffersWorkbook.scenarios(SCENARIO_TITLES,
                new String[] {"Gold member at Demo Marché early", "GOLD", "PUSH", "store-1", "Demo Marché", "FRIDAY",
                        "8", "STORE-WELCOME-10, GOLD-MORNING-COFFEE"},
                new String[] {"Bronze member away from stores", "BRONZE", "PUSH", "", "", "MONDAY", "15",
                        "none"}));

        ValidationReport report = validator.validateOffers("15", files);

        assertThat(report.scenariosPassed()).isEqualTo(1);
        assertThat(report.scenariosFailed()).isEqualTo(1);
        ScenarioResult failed = report.scenarios().stream().filter(result -> !result.passed()).findFirst().orElseThrow();
        assertThat(failed.name()).isEqualTo("Bronze member away from stores");
        assertThat(failed.cell()).isEqualTo("A3");
        assertThat(failed.expected()).isEmpty();
        assertThat(failed.actual()).containsExactly("APP-LOYALTY-5EUR");
        assertThat(failed.firedRules()).contains(OfferRulesFixtures.APP_VOUCHER);
        assertThat(report.valid()).isFalse();
        assertThat(report.activatableRules()).isEmpty();
    }

    @Test
    void failingScenarioInFrench() {
        Map<String, byte[]> files = bundledWith(OffersWorkbook.scenarios(SCENARIO_TITLES,
                new String[] {"Bronze member away from stores", "BRONZE", "PUSH", "", "", "MONDAY", "15", "none"}));

        ValidationReport report = validator.validateOffers("15", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.sheet()).isEqualTo("Scenarios");
            assertThat(error.cell()).isEqualTo("A2");
            assertThat(error.messageFr()).startsWith("le scénario « Bronze member away from stores » a échoué : "
                    + "attendu : aucune offre, mais les règles ont proposé : [APP-LOYALTY-5EUR] ; règles "
                    + "déclenchées : [").contains(OfferRulesFixtures.APP_VOUCHER);
        });
    }

    @Test
    void invalidScenarioHourInFrench() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.scenarios.csv", String.join("\n",
                "Scenario,Loyalty tier,Day,Hour,Expected offers",
                "Late,SILVER,TUESDAY,25,none").getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("29", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("D2");
            assertThat(error.code()).isEqualTo("scenario.row-invalid");
            assertThat(error.message()).isEqualTo("scenario row: the hour must be a whole number from 0 to 23, got "
                    + "'25'");
            assertThat(error.messageFr()).isEqualTo("ligne de scénario : l'heure doit être un nombre entier de 0 à "
                    + "23, et non « 25 »");
        });
    }

    @Test
    void runsScenariosFromACsvFile() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.scenarios.csv", String.join("\n",
                "Scenario,Loyalty tier,Channel,Consented channels,Day,Hour,Expected offers",
                "Away on push,SILVER,PUSH,,TUESDAY,12,APP-LOYALTY-5EUR",
                "Away without consent,SILVER,PUSH,none,TUESDAY,12,none").getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("16", files);

        assertThat(report.errors()).isEmpty();
        assertThat(report.scenariosPassed()).isEqualTo(2);
    }

    @Test
    void rejectsASemicolonSeparatedScenarioFile() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.scenarios.csv", String.join("\r\n",
                "Scenario;Loyalty tier;Channel;Consented channels;Day;Hour;Expected offers",
                "Away on push;SILVER;PUSH;;TUESDAY;12;APP-LOYALTY-5EUR").getBytes(StandardCharsets.UTF_8));

        ValidationReport report = validator.validateOffers("22", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("solomo/offers/offers.scenarios.csv");
            assertThat(error.cell()).isEqualTo("line 1");
            assertThat(error.message()).contains("separated by ';'").contains("'Scenario;Loyalty tier;")
                    .contains("\"CSV UTF-8 (comma delimited)\"");
        });
    }

    @Test
    void rejectsAScenarioFileThatIsNotUtf8() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.scenarios.csv", String.join("\r\n",
                "Scenario,Loyalty tier,Channel,Store id,Store chain,Day,Hour,Expected offers",
                "Gold at Demo March\u00E9,GOLD,PUSH,store-1,Demo March\u00E9,FRIDAY,8,STORE-WELCOME-10")
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));

        ValidationReport report = validator.validateOffers("23", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("solomo/offers/offers.scenarios.csv");
            assertThat(error.cell()).isEqualTo("line 2");
            assertThat(error.message()).contains("not UTF-8").contains("0xE9 after 'Gold at Demo March'")
                    .contains("\"CSV UTF-8 (comma delimited)\"");
        });
        assertThat(report.scenarios()).isEmpty();
    }

    @Test
    void rejectsACsvDecisionTableThatIsNotUtf8() {
        byte[] table = "RuleSet,solomo.offers\nRuleTable Caf\u00E9 offers\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));

        ValidationReport report = validator.validateOffers("24", Map.of("solomo/offers/cafe.drl.csv", table));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.cell()).isEqualTo("line 2");
            assertThat(error.message()).contains("0xE9 after 'RuleTable Caf'");
        });
    }

    @Test
    void csvNotUtf8InFrench() {
        byte[] table = "RuleSet,solomo.offers\nRuleTable Caf\u00E9 offers\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));

        ValidationReport report = validator.validateOffers("24", Map.of("solomo/offers/cafe.drl.csv", table));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("csv.not-utf8");
            assertThat(error.messageFr()).isEqualTo("le fichier n'est pas du texte UTF-8 : l'octet 0xE9 après "
                    + "« RuleTable Caf » n'est pas de l'UTF-8 valide, comme quand Excel enregistre au format CSV "
                    + "simple ; dans Excel, enregistrez le fichier au format « CSV UTF-8 (délimité par des virgules) » "
                    + "et envoyez-le à nouveau");
        });
    }

    @Test
    void misnamedWorkbookInFrench() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/offers.xlsx", files.remove(OffersWorkbook.WORKBOOK));

        ValidationReport report = validator.validateOffers("2", files);

        assertThat(report.errors()).singleElement().satisfies(error -> assertThat(error.messageFr())
                .isEqualTo("Drools ne lit une table de décision que si son nom se termine par .drl.xlsx, .drl.xls ou "
                        + ".drl.csv, il ignorerait donc ce fichier et ses règles ; renommez-le en "
                        + "solomo/offers/offers.drl.xlsx"));
    }

    @Test
    void rejectsAnOversizedFileWithoutReadingIt() {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/huge.drl", new byte[RuleSetValidator.MAX_FILE_BYTES + 1]);

        ValidationReport report = validator.validateOffers("17", files);

        assertThat(report.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("at most " + RuleSetValidator.MAX_FILE_BYTES));
    }

    @Test
    void rejectsAZipBombInsteadOfInflatingIt() throws Exception {
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bomb)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            zip.write(new byte[20 * 1024 * 1024]);
            zip.closeEntry();
        }
        Map<String, byte[]> files = Map.of("solomo/offers/bomb.drl.xlsx", bomb.toByteArray());

        ValidationReport report = validator.validateOffers("18", files);

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("solomo/offers/bomb.drl.xlsx");
            assertThat(error.message()).contains("rejected as a possible zip bomb");
            assertThat(error.messageFr()).startsWith("le classeur est refusé comme possible bombe zip, car ")
                    .endsWith(" ; enregistrez-le à nouveau depuis Excel ou LibreOffice au format .xlsx, et supprimez "
                            + "les feuilles et les styles de cellule inutilisés s'il est encore refusé");
        });
    }

    @Test
    void rejectsAWorkbookWithAnExternalXmlEntity() throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.createTempFile("solomo-secret", ".txt");
        java.nio.file.Files.writeString(secret, "TOP-SECRET-VALUE");
        String contentTypes = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY e SYSTEM \"" + secret.toUri()
                + "\">]><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">&e;</Types>";
        java.io.ByteArrayOutputStream workbook = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(workbook)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            zip.write(contentTypes.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        ValidationReport report = validator.validateOffers("20", Map.of("solomo/offers/xxe.drl.xlsx",
                workbook.toByteArray()));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("cannot read the workbook");
            assertThat(error.message()).doesNotContain("TOP-SECRET-VALUE");
        });
        assertThat(report.generatedDrl()).isEmpty();
    }

    @Test
    void listsAllErrorsOfOneUploadTogether() {
        ValidationReport report = validator.validateOffers("19", bundledWith(text("C17", "DIAMOND")
                .andThen(number("J18", 0.30000000000000004))));

        assertThat(report.errors()).extracting(Finding::cell).containsExactlyInAnyOrder("C17", "J18");
        assertThat(List.copyOf(report.errors())).allSatisfy(error ->
                assertThat(error.file()).isEqualTo(OffersWorkbook.WORKBOOK));
    }
}
