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
                findings.add(grid.error(patternRow, column,
                        FindingText.of("csv.spaces-after-mark", cell.displayed(), cell.displayed().strip())));
            }
        }
    }

    private void checkPatternMerge(Merge merge) {
        int first = merge.firstColumn();
        int last = Math.min(merge.lastColumn(), table.lastColumn());
        String pattern = grid.text(patternRow, first);
        if (first < table.firstColumn()) {
            findings.add(grid.error(patternRow, first,
                    FindingText.of("csv.mark-left-of-table", displayed(first), merge.range())));
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

    private static FindingText startWithoutPattern(Merge merge) {
        if (merge.firstColumn() == merge.lastColumn()) {
            return FindingText.of("csv.mark-only-single", columnName(merge.firstColumn()));
        }
        return FindingText.of("csv.mark-only-range-start", merge.range());
    }

    private void checkSingleCellMerge(int column, String pattern) {
        int left = column - 1;
        boolean continuesLeft = left >= table.firstColumn() && grid.text(patternRow, left).equals(pattern);
        if (continuesLeft) {
            findings.add(grid.error(patternRow, column, FindingText.of("csv.mark-missing-left", displayed(column),
                    reference(left), displayed(left), pattern, columnName(column))));
            return;
        }
        findings.add(grid.warning(patternRow, column, FindingText.of("csv.mark-merges-nothing", displayed(column))));
    }

    private void checkCoveredCell(int column, int first, String pattern) {
        String text = grid.text(patternRow, column);
        if (text.isEmpty()) {
            findings.add(grid.error(patternRow, column,
                    FindingText.of("csv.mark-only-covered", columnName(column), pattern, reference(first))));
            return;
        }
        if (!text.equals(pattern)) {
            findings.add(grid.error(patternRow, column,
                    FindingText.of("csv.covered-text-ignored", text, pattern, reference(first))));
            return;
        }
        if (table.isCondition(column) != table.isCondition(first) || table.isAction(column) != table.isAction(first)) {
            findings.add(grid.error(patternRow, column, FindingText.of("csv.covered-kind-differs", columnName(column),
                    kind(column), pattern, reference(first), kind(first), columnName(first))));
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
                    findings.add(grid.error(row, column, FindingText.of("csv.mark-only-value", patternRow + 1)));
                } else {
                    findings.add(grid.warning(row, column,
                            FindingText.of("csv.mark-removed", cell.text(), cell.displayed())));
                }
            }
        }
    }

    private FindingText kind(int column) {
        if (table.isCondition(column)) {
            return FindingText.of("csv.kind.condition");
        }
        if (table.isAction(column)) {
            return FindingText.of("csv.kind.action");
        }
        String type = table.typeOf(column);
        return type.isEmpty() ? FindingText.of("csv.kind.untyped") : FindingText.of("csv.kind.other", type);
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
