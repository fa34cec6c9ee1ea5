package io.solomo.rules;

import io.solomo.rules.TableGrid.GridCell;
import io.solomo.rules.TableGrid.Kind;
import io.solomo.rules.TableGrid.Merge;
import org.drools.decisiontable.parser.csv.CsvLineParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a CSV decision table or scenario file into a {@link TableGrid}, splitting lines the way Drools does. */
final class CsvTableReader {

    /** The text that ends a merged cell in a CSV decision table, which cannot merge cells otherwise. */
    static final String MERGE_MARK = "...";

    private CsvTableReader() {
    }

    /** Reads a scenario file: every cell as written. */
    static TableGrid read(String path, byte[] content) {
        TableGrid grid = new TableGrid(path, null, List.of());
        List<List<String>> lines = lines(content);
        for (int row = 0; row < lines.size(); row++) {
            List<String> cells = lines.get(row);
            for (int column = 0; column < cells.size(); column++) {
                String value = cells.get(column);
                if (value != null && !value.isEmpty()) {
                    grid.put(new GridCell(row, column, value, Kind.TEXT, Double.NaN, value));
                }
            }
        }
        return grid;
    }

    /**
     * Reads a CSV decision table as Drools 10.2's {@code CsvParser} does. Consecutive cells of a row whose text ends
     * with {@code ...} form one merged range that starts at the first of them, and Drools removes those three dots from
     * every such cell, in any row. Each range becomes a {@link Merge}, even a range of one cell; the cell's text is
     * what Drools reads and its displayed text is the cell as written.
     */
    static TableGrid readDecisionTable(String path, byte[] content) {
        List<List<String>> lines = lines(content);
        List<Merge> merges = new ArrayList<>();
        List<GridCell> cells = new ArrayList<>();
        for (int row = 0; row < lines.size(); row++) {
            List<String> values = lines.get(row);
            int mergeStart = -1;
            for (int column = 0; column < values.size(); column++) {
                String value = values.get(column) == null ? "" : values.get(column);
                boolean marked = value.endsWith(MERGE_MARK);
                if (marked && mergeStart < 0) {
                    mergeStart = column;
                }
                if (!marked && mergeStart >= 0) {
                    merges.add(merge(row, mergeStart, column - 1));
                    mergeStart = -1;
                }
                String read = marked ? value.substring(0, value.length() - MERGE_MARK.length()) : value;
                if (!value.isEmpty()) {
                    cells.add(new GridCell(row, column, read, Kind.TEXT, Double.NaN, value));
                }
            }
            if (mergeStart >= 0) {
                merges.add(merge(row, mergeStart, values.size() - 1));
            }
        }

        TableGrid grid = new TableGrid(path, null, merges);
        cells.forEach(grid::put);
        return grid;
    }

    private static Merge merge(int row, int firstColumn, int lastColumn) {
        String range = TableGrid.reference(row, firstColumn) + ":" + TableGrid.reference(row, lastColumn);
        return new Merge(range, row, row, firstColumn, lastColumn, List.of());
    }

    private static List<List<String>> lines(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CsvLineParser parser = new CsvLineParser();
        return text.lines().map(parser::parse).toList();
    }
}
