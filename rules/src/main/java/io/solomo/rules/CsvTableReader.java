package io.solomo.rules;

import io.solomo.rules.TableGrid.GridCell;
import io.solomo.rules.TableGrid.Kind;
import org.drools.decisiontable.parser.csv.CsvLineParser;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads a CSV decision table or scenario file into a {@link TableGrid}, splitting lines the way Drools does. */
final class CsvTableReader {

    private CsvTableReader() {
    }

    static TableGrid read(String path, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        TableGrid grid = new TableGrid(path, null, List.of());
        CsvLineParser parser = new CsvLineParser();
        List<String> lines = text.lines().toList();
        for (int row = 0; row < lines.size(); row++) {
            List<String> cells = parser.parse(lines.get(row));
            for (int column = 0; column < cells.size(); column++) {
                String value = cells.get(column);
                if (value != null && !value.isEmpty()) {
                    grid.put(new GridCell(row, column, value, Kind.TEXT, Double.NaN, value));
                }
            }
        }
        return grid;
    }
}
