package io.solomo.rules;

import io.solomo.rules.TableGrid.GridCell;
import io.solomo.rules.TableGrid.Kind;
import io.solomo.rules.TableGrid.Merge;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an uploaded workbook with Apache POI as untrusted input: zip bombs and oversized parts are rejected, XML is
 * parsed by POI's hardened parsers (no external entities), and formulas are never evaluated, only their cached values
 * are read.
 */
final class WorkbookReader {

    /** The largest uncompressed part of an .xlsx file, in bytes; a 1,000-row table needs well under 1 MB. */
    static final long MAX_ENTRY_BYTES = 50L * 1024 * 1024;
    /** The most characters of text a workbook may hold. */
    static final long MAX_TEXT_CHARACTERS = 10_000_000L;
    /**
     * An .xlsx part may not expand more than 1 / this ratio, that is 500 times; deflate cannot exceed about 1,032
     * times (zlib's technical notes). POI's default of 0.01 rejects sane workbooks: Excel files with thousands of duplicated cell styles, such as
     * a sample table of the Drools project, compress the start of xl/styles.xml 100 to 120 times. The limits of
     * {@link ZipBombCheck} on expanded sizes are what stop a zip bomb.
     */
    static final double MIN_INFLATE_RATIO = 0.002;

    // Drools 10.2's ExcelParser sets POI's ratio again whenever it is created, from this system property or to 0.01.
    private static final String DROOLS_MIN_INFLATE_RATIO = "drools.excelParser.minInflateRatio";

    static {
        // These POI settings are global to the JVM; nothing else in the server reads spreadsheets.
        System.setProperty(DROOLS_MIN_INFLATE_RATIO, String.valueOf(MIN_INFLATE_RATIO));
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
        ZipSecureFile.setMaxTextSize(MAX_TEXT_CHARACTERS);
    }

    // POI 5.4 starts with this the message of the IOException it throws when a part inflates past the minimum ratio.
    private static final String POI_ZIP_BOMB_MESSAGE = "Zip bomb detected";

    private WorkbookReader() {
    }

    /**
     * The sheets of a workbook, and the bytes to give Drools: the upload itself, or a copy in which every formula is
     * replaced by its cached value, so that Drools does not evaluate formulas of an untrusted file.
     *
     * @param formulaCells every formula cell, in sheet order
     */
    record Contents(List<TableGrid> sheets, byte[] forDrools, List<FormulaCell> formulaCells) {
    }

    /**
     * A cell that contains a formula. Rows and columns are 0-based.
     *
     * @param formula    the formula as the spreadsheet shows it, without the leading =
     * @param savedValue false when the file stores no calculated value for it, as files written by scripts such as
     *                   openpyxl do; POI then reads it as 0 or as an empty text
     */
    record FormulaCell(String sheet, int row, int column, String formula, boolean savedValue) {

        String reference() {
            return TableGrid.reference(row, column);
        }
    }

    /** Thrown when POI cannot or must not read the file, with the reason for the analyst as its English message. */
    static final class UnreadableWorkbookException extends Exception {

        private final transient FindingText text;

        UnreadableWorkbookException(FindingText text, Throwable cause) {
            super(text.english(), cause);
            this.text = text;
        }

        /** Returns why the file cannot be read, in both languages. */
        FindingText text() {
            return text;
        }
    }

    static Contents read(String path, byte[] content) throws UnreadableWorkbookException {
        if (ZipBombCheck.isZip(content)) {
            ZipBombCheck.check(content);
        }
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            DataFormatter formatter = new DataFormatter(Locale.ENGLISH);
            List<TableGrid> sheets = new ArrayList<>();
            List<FormulaCell> formulaCells = new ArrayList<>();
            for (Sheet sheet : workbook) {
                TableGrid grid = new TableGrid(path, sheet.getSheetName(), merges(sheet));
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.FORMULA) {
                            formulaCells.add(new FormulaCell(sheet.getSheetName(), cell.getRowIndex(),
                                    cell.getColumnIndex(), cell.getCellFormula(), hasSavedValue(cell)));
                        }
                        grid.put(gridCell(cell, formatter));
                    }
                }
                sheets.add(grid);
            }
            byte[] forDrools = formulaCells.isEmpty() ? content : withCachedValues(workbook);
            return new Contents(sheets, forDrools, formulaCells);
        } catch (EncryptedDocumentException encrypted) {
            throw new UnreadableWorkbookException(FindingText.of("workbook.password-protected"), encrypted);
        } catch (IOException | RuntimeException unreadable) {
            if (String.valueOf(unreadable.getMessage()).startsWith(POI_ZIP_BOMB_MESSAGE)) {
                throw new UnreadableWorkbookException(FindingText.of("workbook.poi-zip-bomb",
                        Math.round(1 / MIN_INFLATE_RATIO), firstLine(unreadable.getMessage())), unreadable);
            }
            throw new UnreadableWorkbookException(FindingText.of("workbook.unreadable",
                    firstLine(unreadable.getMessage())), unreadable);
        }
    }

    private static GridCell gridCell(Cell cell, DataFormatter formatter) {
        int row = cell.getRowIndex();
        int column = cell.getColumnIndex();
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> {
                double number = cell.getNumericCellValue();
                String displayed = formatter.formatRawCellContents(number, cell.getCellStyle().getDataFormat(),
                        cell.getCellStyle().getDataFormatString());
                Kind kind = DateUtil.isCellDateFormatted(cell) ? Kind.DATE : Kind.NUMBER;
                yield new GridCell(row, column, javaNumber(number), kind, number, displayed);
            }
            case STRING -> {
                String text = cell.getStringCellValue();
                yield new GridCell(row, column, text, Kind.TEXT, Double.NaN, text);
            }
            case BOOLEAN -> {
                String text = String.valueOf(cell.getBooleanCellValue());
                yield new GridCell(row, column, text, Kind.BOOLEAN, Double.NaN, text.toUpperCase(Locale.ROOT));
            }
            default -> new GridCell(row, column, "", Kind.BLANK, Double.NaN, "");
        };
    }

    /**
     * Returns false for an .xlsx formula cell without a {@code <v>} element, whose value no spreadsheet has calculated.
     * An .xls file always stores a value with each formula.
     */
    private static boolean hasSavedValue(Cell cell) {
        return !(cell instanceof XSSFCell xlsxCell) || xlsxCell.getCTCell().isSetV();
    }

    /**
     * Returns a copy of the workbook for Drools in which each given cell contains a boolean instead of its text.
     *
     * @param content the workbook as given to Drools, already read once by {@link #read}
     */
    static byte[] withBooleans(byte[] content, List<DecisionTableChecks.BooleanText> cells) {
        if (cells.isEmpty()) {
            return content;
        }
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            for (DecisionTableChecks.BooleanText text : cells) {
                workbook.getSheet(text.sheet()).getRow(text.row()).getCell(text.column()).setCellValue(text.value());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot write the workbook read a moment before", unreadable);
        }
    }

    static String javaNumber(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return String.valueOf((long) number);
        }
        return String.valueOf(number);
    }

    private static List<Merge> merges(Sheet sheet) {
        List<Merge> merges = new ArrayList<>();
        for (CellRangeAddress range : sheet.getMergedRegions()) {
            List<int[]> missing = new ArrayList<>();
            for (int row = range.getFirstRow(); row <= range.getLastRow(); row++) {
                Row sheetRow = sheet.getRow(row);
                for (int column = range.getFirstColumn(); column <= range.getLastColumn(); column++) {
                    boolean topLeft = row == range.getFirstRow() && column == range.getFirstColumn();
                    if (!topLeft && (sheetRow == null || sheetRow.getCell(column) == null)) {
                        missing.add(new int[] {row, column});
                    }
                }
            }
            merges.add(new Merge(range.formatAsString(), range.getFirstRow(), range.getLastRow(),
                    range.getFirstColumn(), range.getLastColumn(), missing));
        }
        return merges;
    }

    private static byte[] withCachedValues(Workbook workbook) throws IOException {
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.FORMULA) {
                        // POI keeps the cached result as the cell's value when the formula is removed.
                        cell.removeFormula();
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }

    /** Returns the first line of POI's message, quoted as POI's in French, or "unknown format" when it is blank. */
    private static FindingText firstLine(String text) {
        return (text == null ? "" : text).lines().findFirst()
                .map(line -> FindingText.of("workbook.poi-message", line))
                .orElseGet(() -> FindingText.of("workbook.unknown-format"));
    }
}
