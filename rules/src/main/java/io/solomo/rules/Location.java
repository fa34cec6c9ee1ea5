package io.solomo.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The place of a finding in an uploaded rule set: a file, and a sheet and cell, a line of a DRL file, or a row of a
 * table.
 *
 * @param file  the path of the file as uploaded, or null for the whole rule set
 * @param sheet the worksheet of a workbook, or null
 * @param cell  a cell such as {@code D12}, {@code line 7}, {@code line 7, column 3} or {@code row 7}, or null
 */
record Location(String file, String sheet, String cell) {

    // The cells that name a line of a DRL file or a row of a table rather than a spreadsheet cell, as this module
    // writes them.
    private static final Pattern LINE_CELL = Pattern.compile("line (\\d+)(?:, column (\\d+))?");
    private static final Pattern ROW_CELL = Pattern.compile("row (\\d+)");

    Finding error(FindingText text) {
        return Finding.error(file, sheet, cell, text);
    }

    /** Returns the location worded for a message, such as {@code offers.drl.xlsx Offers!D12} in either language. */
    FindingText text() {
        if (file == null) {
            return FindingText.of("location.rule-set");
        }
        if (sheet != null && cell != null) {
            return FindingText.of("location.sheet-cell", file, sheet, cell);
        }
        if (cell != null) {
            Matcher line = LINE_CELL.matcher(cell);
            Matcher row = ROW_CELL.matcher(cell);
            if (line.matches() && line.group(2) != null) {
                return FindingText.of("location.line-column", file, line.group(1), line.group(2));
            }
            if (line.matches()) {
                return FindingText.of("location.line", file, line.group(1));
            }
            if (row.matches()) {
                return FindingText.of("location.row", file, row.group(1));
            }
            return FindingText.of("location.cell", file, cell);
        }
        if (sheet != null) {
            return FindingText.of("location.sheet", file, sheet);
        }
        return FindingText.of("location.file", file);
    }
}
