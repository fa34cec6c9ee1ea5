package io.solomo.rules;

import org.apache.poi.ss.util.CellReference;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The cells of one worksheet or CSV decision table as text, the way Drools reads them, with what the checks need to
 * know about how each value was stored. Rows and columns are 0-based.
 */
final class TableGrid {

    private final String file;
    private final String sheet;
    private final NavigableMap<Integer, NavigableMap<Integer, GridCell>> rows = new TreeMap<>();
    private final List<Merge> merges;

    TableGrid(String file, String sheet, List<Merge> merges) {
        this.file = file;
        this.sheet = sheet;
        this.merges = List.copyOf(merges);
    }

    void put(GridCell cell) {
        rows.computeIfAbsent(cell.row(), row -> new TreeMap<>()).put(cell.column(), cell);
    }

    String file() {
        return file;
    }

    /** Returns the worksheet name, or null for a CSV table. */
    String sheet() {
        return sheet;
    }

    boolean isCsv() {
        return sheet == null;
    }

    List<Merge> merges() {
        return merges;
    }

    int lastRow() {
        return rows.isEmpty() ? -1 : rows.lastKey();
    }

    /** Returns the cells of a row by column, empty for a missing row. */
    NavigableMap<Integer, GridCell> row(int row) {
        return rows.getOrDefault(row, Collections.emptyNavigableMap());
    }

    GridCell cell(int row, int column) {
        return row(row).get(column);
    }

    /**
     * Returns the column of the first non-blank cell right of {@code column} in the row, where Drools reads the value
     * of a keyword such as RuleSet or Import, or the next column when all are blank.
     */
    int valueColumnRightOf(int row, int column) {
        for (GridCell right : row(row).tailMap(column, false).values()) {
            if (!right.text().isBlank()) {
                return right.column();
            }
        }
        return column + 1;
    }

    /** Returns the trimmed text of a cell, or "" when it is missing or blank. */
    String text(int row, int column) {
        GridCell cell = cell(row, column);
        return cell == null ? "" : cell.text().strip();
    }

    boolean isBlankBetween(int row, int firstColumn, int lastColumn) {
        for (int column = firstColumn; column <= lastColumn; column++) {
            if (!text(row, column).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    Finding error(int row, int column, FindingText text) {
        return Finding.error(file, sheet, reference(row, column), text);
    }

    Finding warning(int row, int column, FindingText text) {
        return Finding.warning(file, sheet, reference(row, column), text);
    }

    Location location(int row, int column) {
        return new Location(file, sheet, reference(row, column));
    }

    static String reference(int row, int column) {
        return CellReference.convertNumToColString(column) + (row + 1);
    }

    /**
     * One cell.
     *
     * @param text      what Drools reads: the string, or the number written as Java would, or a formula's cached value
     * @param kind      how the spreadsheet stored the value
     * @param number    the stored number of a numeric or date cell, else NaN
     * @param displayed the value the spreadsheet displays to the analyst, in English number format, or the cell of a CSV file as
     *                  written
     */
    record GridCell(int row, int column, String text, Kind kind, double number, String displayed) {
    }

    enum Kind {
        TEXT,
        NUMBER,
        DATE,
        BOOLEAN,
        /** A cell that is part of a merge or styled but holds nothing. */
        BLANK
    }

    /**
     * A merged range, with the covered cells that the file does not contain. In a CSV table it is a run of cells
     * ending with {@code ...} in one row, which Drools treats as merged, and no cell is ever missing.
     */
    record Merge(String range, int firstRow, int lastRow, int firstColumn, int lastColumn,
                 List<int[]> missingCells) {
    }
}
