package io.solomo.rules;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cap on the rule rows of one uploaded table. */
class TableRowLimitTests {

    private static final String CSV_TABLE = "solomo/offers/many.drl.csv";

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    /** Returns a CSV table of {@code rows} offer rules, each for one store id. */
    static byte[] csvTableOfRows(int rows) {
        StringBuilder csv = new StringBuilder(String.join("\n",
                "RuleSet,solomo.offers",
                "Import,\"io.solomo.model.offer.ContactContext, io.solomo.model.offer.OfferCandidate\"",
                "RuleTable Many offers",
                "NAME,CONDITION,ACTION",
                ",$context : ContactContext,",
                ",storeId == \"$param\",\"insert(new OfferCandidate(\"\"$param\"\", 1.0, $context.getStoreId(), "
                        + "drools.getRule().getName()));\"",
                "Rule,Store id,Offer",
                ""));
        for (int row = 0; row < rows; row++) {
            csv.append("Offer at store ").append(row).append(",store-").append(row).append(",STORE-WELCOME-10\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> bundledWith(byte[] table) {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put(CSV_TABLE, table);
        return files;
    }

    @Test
    void tableOverLimitIsRejectedAtOnce() {
        Map<String, byte[]> files = bundledWith(csvTableOfRows(10_001));
        RuleSetValidator limited = validator.withMaxTableRows(10_000);

        long started = System.nanoTime();
        assertThatThrownBy(() -> limited.validateOffers("many", files))
                .isInstanceOfSatisfying(TableTooLargeException.class, tooLarge -> {
                    assertThat(tooLarge.file()).isEqualTo(CSV_TABLE);
                    assertThat(tooLarge.rows()).isEqualTo(10_001);
                    assertThat(tooLarge.maxRows()).isEqualTo(10_000);
                    assertThat(tooLarge.getMessage()).contains(CSV_TABLE).contains("10001 rule rows")
                            .contains("solomo.rules.max-table-rows");
                    assertThat(tooLarge.messageFr()).contains(CSV_TABLE).contains("10001 lignes de règles");
                });
        long millis = (System.nanoTime() - started) / 1_000_000;

        // A 1,000-row table took about 6 s to validate on the 2-core test machine, so 10,001 rows rejected in under
        // 5 s show that no check or compilation ran.
        assertThat(millis).isLessThan(5_000);
    }

    @Test
    void workbookOverLimitIsRejected() {
        RuleSetValidator limited = validator.withMaxTableRows(3);

        assertThatThrownBy(() -> limited.validateOffers("bundled", OfferRuleCompiler.bundledFiles()))
                .isInstanceOfSatisfying(TableTooLargeException.class, tooLarge -> {
                    assertThat(tooLarge.file()).isEqualTo(OffersWorkbook.WORKBOOK);
                    assertThat(tooLarge.rows()).isEqualTo(4);
                });
    }

    @Test
    void tableAtLimitIsValidated() {
        ValidationReport report = validator.withMaxTableRows(4).validateOffers("bundled",
                OfferRuleCompiler.bundledFiles());

        assertThat(report.errors()).isEmpty();
    }

    @Test
    void limitBelowOneIsRejected() {
        assertThatThrownBy(() -> validator.withMaxTableRows(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}
