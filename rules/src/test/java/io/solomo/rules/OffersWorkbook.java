package io.solomo.rules;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Edits of the bundled offers workbook, the way an analyst would make them in Excel. */
final class OffersWorkbook {

    static final String WORKBOOK = OfferRulesFixtures.WORKBOOK;

    private OffersWorkbook() {
    }

    /** Returns the bundled files with the workbook changed by the given edit. */
    static Map<String, byte[]> bundledWith(Consumer<XSSFWorkbook> edit) {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put(WORKBOOK, edited(files.get(WORKBOOK), edit));
        return files;
    }

    static byte[] edited(byte[] content, Consumer<XSSFWorkbook> edit) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            edit.accept(workbook);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static Cell cell(XSSFWorkbook workbook, String reference) {
        return cell(workbook.getSheet("Offers"), reference);
    }

    static Cell cell(Sheet sheet, String reference) {
        CellReference at = new CellReference(reference);
        Row row = sheet.getRow(at.getRow()) == null ? sheet.createRow(at.getRow()) : sheet.getRow(at.getRow());
        return row.getCell(at.getCol()) == null ? row.createCell(at.getCol()) : row.getCell(at.getCol());
    }

    static Consumer<XSSFWorkbook> text(String reference, String text) {
        return workbook -> cell(workbook, reference).setCellValue(text);
    }

    static Consumer<XSSFWorkbook> number(String reference, double number) {
        return workbook -> cell(workbook, reference).setCellValue(number);
    }

    static Consumer<XSSFWorkbook> date(String reference, java.time.LocalDate date) {
        return workbook -> {
            Cell cell = cell(workbook, reference);
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            cell.setCellValue(date);
            cell.setCellStyle(style);
        };
    }

    /** Adds a Scenarios sheet whose first row holds the titles and the next rows the given values. */
    static Consumer<XSSFWorkbook> scenarios(String[] titles, String[]... rows) {
        return workbook -> {
            Sheet sheet = workbook.createSheet("Scenarios");
            String[][] all = new String[rows.length + 1][];
            all[0] = titles;
            System.arraycopy(rows, 0, all, 1, rows.length);
            for (int row = 0; row < all.length; row++) {
                Row sheetRow = sheet.createRow(row);
                for (int column = 0; column < all[row].length; column++) {
                    sheetRow.createCell(column).setCellValue(all[row][column]);
                }
            }
        };
    }
}
