package io.solomo.rules;

import io.solomo.rules.DecisionTableChecks.Table;
import io.solomo.rules.TableGrid.GridCell;
import io.solomo.rules.TableGrid.Merge;
import org.apache.poi.ss.util.CellReference;

import java.util.List;

import static io.solomo.rules.CsvTableReader.MERGE_MARK;

/**
 * Checks the {@code ...} marks of one RuleTable in a CSV file, where they mark merged cells.
 *
 * <p>Drools 10.2 reads them this way: consecutive cells of a row that end with {@code ...} form one merged range
 * starting at the first of them, and the three dots are removed from every such cell. Only the pattern row (the row
 * below CONDITION and ACTION) gives merges a meaning: the columns of a range add their constraints to the pattern
 * written in its first cell, and the text of the other cells is ignored. A cell of only {@code ...} becomes blank and
 * is skipped, so its column joins no pattern. In any other row the dots are simply removed from the value.
 */
final class CsvMergeChecks {

    private final TableGrid grid;
    private final Table table;
    private final List<Finding> findings;
    private final int patternRow;

    private CsvMergeChecks(TableGrid grid, Table table, List<Finding> findings) {
        this.grid = grid;
        this.table = table;
        this.findings = findings;
        this.patternRow = table.titleRow() + 2;
    }

    static void check(TableGrid grid, Table table, List<Finding> findings) {
        CsvMergeChecks checks = new CsvMergeChecks(grid, table, findings);
        checks.checkPatternRow();
        checks.checkValueRows();
    }

    private void checkPatternRow() {
        for (Merge merge : grid.merges()) {
            boolean inTable = merge.firstRow() == patternRow && merge.lastColumn() >= table.firstColumn()
                    && merge.firstColumn() <= table.lastColumn();
            if (inTable) {
                checkPatternMerge(merge);
            }
        }
        for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
            GridCell cell = grid.cell(patternRow, column);
            boolean spacesAfterMark = cell != null && !cell.displayed().endsWith(MERGE_MARK)
                    && cell.displayed().strip().endsWith(MERGE_MARK);
            if (spacesAfterMark) {
                findings.add(grid.error(patternRow, column, "'" + cell.displayed() + "' has spaces after '...', so "
                        + "Drools does not merge this cell and reads '" + cell.displayed().strip() + "' as the "
                        + "pattern; remove the spaces after the dots"));
            }
        }
    }

    private void checkPatternMerge(Merge merge) {
        int first = merge.firstColumn();
        int last = Math.min(merge.lastColumn(), table.lastColumn());
        String pattern = grid.text(patternRow, first);
        if (first < table.firstColumn()) {
            findings.add(grid.error(patternRow, first, "'" + displayed(first) + "' ends with '...', so Drools "
                    + "merges it with the pattern cells " + merge.range() + " at its right, but it lies left of the "
                    + "RuleTable and Drools rejects the table; remove the '...' from this cell"));
            return;
        }
        if (pattern.isEmpty()) {
            findings.add(grid.error(patternRow, first, startWithoutPattern(merge)));
            return;
        }
        if (first == last) {
            checkSingleCellMerge(first, pattern);
            return;
        }
        for (int column = first + 1; column <= last; column++) {
            checkCoveredCell(column, first, pattern);
        }
    }

    private String startWithoutPattern(Merge merge) {
        String column = columnName(merge.firstColumn());
        if (merge.firstColumn() == merge.lastColumn()) {
            return "the cell contains only '...', which Drools reads as a blank cell, so the code of column " + column
                    + " is used on its own, outside any pattern; to add it to the pattern at its left, write that "
                    + "pattern followed by '...' in both cells, such as Customer... and Customer...";
        }
        return "the cell contains only '...', so the merged cells " + merge.range() + " start without a pattern: "
                + "Drools reads this cell as blank and the code of every column in the range is used on its own, "
                + "outside any pattern; write the pattern followed by '...' here, such as Customer...";
    }

    private void checkSingleCellMerge(int column, String pattern) {
        int left = column - 1;
        boolean continuesLeft = left >= table.firstColumn() && grid.text(patternRow, left).equals(pattern);
        if (continuesLeft) {
            findings.add(grid.error(patternRow, column, "'" + displayed(column) + "' ends with '...' but "
                    + reference(left) + " ('" + displayed(left) + "') at its left does not, so Drools starts a new "
                    + pattern + " pattern here instead of adding column " + columnName(column) + " to the pattern of "
                    + reference(left) + "; end " + reference(left) + " with '...' too, or remove the '...' here"));
            return;
        }
        findings.add(grid.warning(patternRow, column, "the '...' of '" + displayed(column) + "' merges this cell "
                + "with nothing, because the cell at its right does not end with '...'; remove it, or end each next "
                + "cell of the same pattern with '...' too"));
    }

    private void checkCoveredCell(int column, int first, String pattern) {
        String text = grid.text(patternRow, column);
        if (text.isEmpty()) {
            findings.add(grid.error(patternRow, column, "the cell contains only '...', which Drools reads as a blank "
                    + "cell, so column " + columnName(column) + " does not join the pattern " + pattern + " of "
                    + reference(first) + " and its code is used on its own; write " + pattern + "... here, as in "
                    + reference(first)));
            return;
        }
        if (!text.equals(pattern)) {
            findings.add(grid.error(patternRow, column, "Drools ignores '" + text + "' here, because the cell ends "
                    + "with '...' and so continues the merged pattern " + pattern + " that starts at "
                    + reference(first) + "; write " + pattern + "... to join it, or remove the '...' from the cell "
                    + "at its left to start a new pattern here"));
            return;
        }
        if (table.isCondition(column) != table.isCondition(first) || table.isAction(column) != table.isAction(first)) {
            findings.add(grid.error(patternRow, column, "column " + columnName(column) + " is " + kind(column)
                    + " but its pattern cell continues the merged pattern " + pattern + " of " + reference(first)
                    + ", which is " + kind(first) + ", so Drools would put this column's code inside that pattern; "
                    + "remove the '...' from the cells of column " + columnName(first) + " and " + columnName(column)));
        }
    }

    /** Reports '...' outside the pattern row: a value that loses its dots, or a cell that becomes blank. */
    private void checkValueRows() {
        int codeRow = table.titleRow() + 3;
        for (int row = codeRow; row <= Math.max(codeRow, table.lastDataRow()); row++) {
            if (row == table.titleRow() + 4) {
                continue;
            }
            for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
                GridCell cell = grid.cell(row, column);
                if (cell == null || !cell.displayed().endsWith(MERGE_MARK)) {
                    continue;
                }
                if (cell.text().isBlank()) {
                    findings.add(grid.error(row, column, "the cell contains only '...', which Drools reads as a blank "
                            + "cell: in a CSV table '...' merges only the pattern cells of row " + (patternRow + 1)
                            + ", so this cell gives no value; write the value itself, or leave the cell empty"));
                } else {
                    findings.add(grid.warning(row, column, "Drools removes the '...' at the end of a CSV cell, so "
                            + "the rule reads '" + cell.text() + "' instead of '" + cell.displayed() + "'; write the "
                            + "ellipsis character \u2026 instead if the dots belong to the value"));
                }
            }
        }
    }

    private String kind(int column) {
        if (table.isCondition(column)) {
            return "a CONDITION column";
        }
        if (table.isAction(column)) {
            return "an ACTION column";
        }
        String type = table.typeOf(column);
        return type.isEmpty() ? "a column without a type" : "a " + type + " column";
    }

    private String displayed(int column) {
        GridCell cell = grid.cell(patternRow, column);
        return cell == null ? "" : cell.displayed();
    }

    private String reference(int column) {
        return TableGrid.reference(patternRow, column);
    }

    private static String columnName(int column) {
        return CellReference.convertNumToColString(column);
    }
}
