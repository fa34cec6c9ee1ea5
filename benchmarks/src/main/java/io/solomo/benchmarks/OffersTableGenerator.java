package io.solomo.benchmarks;

import io.solomo.rules.OfferRuleCompiler;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Makes an offers rule set of the bundled layout with many generated rows and a Scenarios sheet whose expected offers
 * follow from the generator's own arithmetic, so that the validator has real rules and real scenarios to run.
 *
 * <p>Row {@code i} proposes offer {@code BENCH-i} to any tier at a store of chain {@code Chain (i mod 100)} on day
 * {@code i mod 7} between 08:00 and 20:00.
 */
public final class OffersTableGenerator {

    static final String WORKBOOK = "solomo/offers/offers.drl.xlsx";
    private static final int FIRST_GENERATED_ROW = 19;
    private static final int CHAINS = 100;

    private OffersTableGenerator() {
    }

    /** Returns the bundled files with the workbook grown by {@code rows} rules and {@code scenarios} scenarios. */
    public static Map<String, byte[]> offersWithRows(int rows, int scenarios) {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(files.get(WORKBOOK)))) {
            Sheet offers = workbook.getSheet("Offers");
            for (int index = 0; index < rows; index++) {
                Row row = offers.createRow(FIRST_GENERATED_ROW + index);
                row.createCell(1).setCellValue("Offer bench offer " + index + " at chain " + chain(index));
                row.createCell(3).setCellValue("Chain " + chain(index));
                row.createCell(5).setCellValue(true);
                row.createCell(6).setCellValue(day(index).name());
                row.createCell(7).setCellValue("8, 20");
                row.createCell(8).setCellValue("BENCH-" + index);
                row.createCell(9).setCellValue(1.0 + index % 5);
            }
            addScenarios(workbook.createSheet("Scenarios"), rows, scenarios);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            files.put(WORKBOOK, out.toByteArray());
            return files;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static void addScenarios(Sheet sheet, int rows, int scenarios) {
        String[] titles = {"Scenario", "Loyalty tier", "Store id", "Store chain", "Day", "Hour", "Expected offers"};
        Row header = sheet.createRow(0);
        for (int column = 0; column < titles.length; column++) {
            header.createCell(column).setCellValue(titles[column]);
        }
        for (int scenario = 0; scenario < scenarios; scenario++) {
            int chain = scenario % CHAINS;
            DayOfWeek day = DayOfWeek.of(1 + scenario % 5);
            List<String> expected = new ArrayList<>(List.of("STORE-WELCOME-10"));
            for (int index = 0; index < rows; index++) {
                if (chain(index) == chain && day(index) == day) {
                    expected.add("BENCH-" + index);
                }
            }
            Row row = sheet.createRow(scenario + 1);
            row.createCell(0).setCellValue("Silver member at chain " + chain + " on " + day);
            row.createCell(1).setCellValue("SILVER");
            row.createCell(2).setCellValue("store-" + chain);
            row.createCell(3).setCellValue("Chain " + chain);
            row.createCell(4).setCellValue(day.name());
            row.createCell(5).setCellValue("10");
            row.createCell(6).setCellValue(String.join(", ", new TreeSet<>(expected)));
        }
    }

    private static int chain(int index) {
        return index % CHAINS;
    }

    private static DayOfWeek day(int index) {
        return DayOfWeek.of(1 + index % 7);
    }

    /** Writes the generated files under a folder, for uploads with curl: {@code java -cp benchmarks.jar ... DIR}. */
    public static void main(String[] arguments) throws IOException {
        Path folder = Path.of(arguments.length > 0 ? arguments[0] : "target/offers-1000");
        for (Map.Entry<String, byte[]> file : offersWithRows(1_000, 50).entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        System.out.println("Wrote 1,000-row offers rule set to " + folder.toAbsolutePath());
    }
}
