package io.solomo.rules;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times the run over sample contacts against the whole validation, for the bundled rules and for a 1,000-row table
 * laid out like the one of {@code benchmarks/OffersTableGenerator}: row i proposes BENCH-i at chain (i mod 100) on day
 * (i mod 7) from 08:00 to 20:00. Each figure is the best of a few warm rounds, printed for the record.
 */
class RuleSmokeRunTimingTests {

    private static final int ROWS = 1_000;
    private static final int CHAINS = 100;
    private static final int ROUNDS = 2;
    // A loose bound, to catch a grid grown by an order of magnitude rather than to benchmark a shared machine.
    private static final long MAX_RUN_MILLIS_FOR_1000_ROWS = 2_000;

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    private static Map<String, byte[]> offersWithRows(int rows) {
        return OffersWorkbook.bundledWith(workbook -> {
            Sheet offers = workbook.getSheet("Offers");
            for (int index = 0; index < rows; index++) {
                Row row = offers.createRow(19 + index);
                row.createCell(1).setCellValue("Offer bench offer " + index + " at chain " + index % CHAINS);
                row.createCell(3).setCellValue("Chain " + index % CHAINS);
                row.createCell(5).setCellValue(true);
                row.createCell(6).setCellValue(DayOfWeek.of(1 + index % 7).name());
                row.createCell(7).setCellValue("8, 20");
                row.createCell(8).setCellValue("BENCH-" + index);
                row.createCell(9).setCellValue(1.0 + index % 5);
            }
        });
    }

    private long[] bestMillis(String label, Map<String, byte[]> files, List<StorePlace> places) {
        long bestValidation = Long.MAX_VALUE;
        long bestRun = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            ValidationReport report = validator.validateOffers(label + "-" + round, files);
            bestValidation = Math.min(bestValidation, (System.nanoTime() - started) / 1_000_000);
            assertThat(report.errors()).isEmpty();

            started = System.nanoTime();
            List<Finding> failures = RuleSmokeRun.run(report.offerRules(), places, Map.of());
            bestRun = Math.min(bestRun, (System.nanoTime() - started) / 1_000_000);
            assertThat(failures).isEmpty();
        }
        System.out.printf("%s: validation %d ms, of which the run over sample contacts %d ms%n", label,
                bestValidation, bestRun);
        return new long[] {bestValidation, bestRun};
    }

    @Test
    void runStaysFastForLargeTable() {
        List<StorePlace> chains = new ArrayList<>();
        for (int chain = 0; chain < CHAINS; chain++) {
            chains.add(RuleSmokeRun.sampleStoreOf("Chain " + chain));
        }

        bestMillis("bundled rules", OfferRuleCompiler.bundledFiles(), List.of(RuleSmokeRun.sampleStoreOf("Demo Marché")));
        long[] large = bestMillis(ROWS + "-row table", offersWithRows(ROWS), chains);

        assertThat(large[1]).isLessThan(MAX_RUN_MILLIS_FOR_1000_ROWS);
    }
}
