package io.solomo.rules;

import io.solomo.rules.TableGrid.GridCell;
import io.solomo.rules.TableGrid.Kind;
import io.solomo.rules.TableGrid.Merge;
import org.drools.decisiontable.parser.csv.CsvLineParser;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Reads a CSV decision table or scenario file into a {@link TableGrid}, splitting lines the way Drools does. */
final class CsvTableReader {

    /** The text that ends a merged cell in a CSV decision table, which cannot merge cells otherwise. */
    static final String MERGE_MARK = "...";

    private static final int SHOWN_LINE_CHARACTERS = 60;
    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Pattern TABLE_KEYWORD = Pattern.compile("(?i)RuleSet|Import|RuleTable.*");

    private CsvTableReader() {
    }

    /**
     * Returns an error when the file is not UTF-8 text, as Excel writes its plain "CSV" format in Windows-1252 and
     * other legacy encodings. Reading such a file as UTF-8 would turn "Demo Marché" into another text, so it is
     * rejected rather than decoded by guess.
     */
    static Optional<Finding> encodingProblem(String path, byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(content);
        CharBuffer output = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(input, output, true);
        if (!result.isError()) {
            return Optional.empty();
        }
        int at = input.position();
        int lineStart = at;
        while (lineStart > 0 && content[lineStart - 1] != '\n') {
            lineStart--;
        }
        int line = 1;
        for (int index = 0; index < lineStart; index++) {
            if (content[index] == '\n') {
                line++;
            }
        }
        String before = new String(content, lineStart, at - lineStart, StandardCharsets.UTF_8).stripLeading();
        String shownBefore = before.length() > SHOWN_LINE_CHARACTERS
                ? "..." + before.substring(before.length() - SHOWN_LINE_CHARACTERS) : before;
        String bytes = HexFormat.of().withUpperCase().formatHex(content, at, at + result.length());
        return Optional.of(Finding.error(path, null, "line " + line,
                FindingText.of("csv.not-utf8", bytes, shownBefore)));
    }

    /**
     * Returns an error when the column titles of a scenario file are separated by semicolons, as Excel does in
     * languages that write decimals with a comma, such as French. The comma-separated reading would find no
     * {@code Scenario} title.
     *
     * <p>NOTE: Excel may write ';' even in the format "CSV UTF-8 (comma delimited)" when the list separator of the
     * system is ';', which is not verified here, so the message also gives the fix by hand.
     */
    static Optional<Finding> semicolonProblem(String path, byte[] content) {
        return semicolonProblem(path, content, CsvTableReader::isScenarioTitle);
    }

    /**
     * Returns an error when a CSV decision table is separated by semicolons, which its first keyword cell shows:
     * {@code RuleSet;solomo.offers} reads as one cell when split at commas, so Drools would find no table in it.
     */
    static Optional<Finding> tableSemicolonProblem(String path, byte[] content) {
        return semicolonProblem(path, content, cell -> TABLE_KEYWORD.matcher(cell.strip()).matches());
    }

    private static Optional<Finding> semicolonProblem(String path, byte[] content, Predicate<String> isTitle) {
        List<String> lines = text(content).lines().toList();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.isBlank()) {
                continue;
            }
            boolean commaTitle = new CsvLineParser().parse(line).stream()
                    .anyMatch(cell -> cell != null && isTitle.test(cell));
            boolean semicolonTitle = false;
            for (String cell : line.split(";")) {
                semicolonTitle |= isTitle.test(cell.replace("\"", ""));
            }
            if (commaTitle || !semicolonTitle) {
                return Optional.empty();
            }
            String shownLine = line.length() > SHOWN_LINE_CHARACTERS
                    ? line.substring(0, SHOWN_LINE_CHARACTERS) + "..." : line;
            return Optional.of(Finding.error(path, null, "line " + (index + 1),
                    FindingText.of("csv.semicolons", shownLine)));
        }
        return Optional.empty();
    }

    private static boolean isScenarioTitle(String cell) {
        return cell.strip().toLowerCase(Locale.ROOT).equals("scenario");
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

    /**
     * Returns the content without the UTF-8 byte order mark (EF BB BF) that Excel's "CSV UTF-8" format writes first.
     * Drools 10.2 would read the mark as part of the first cell, so {@code RuleSet} would not be seen as a keyword.
     */
    static byte[] withoutByteOrderMark(byte[] content) {
        boolean marked = content.length >= UTF8_BYTE_ORDER_MARK.length
                && Arrays.equals(content, 0, UTF8_BYTE_ORDER_MARK.length, UTF8_BYTE_ORDER_MARK, 0,
                UTF8_BYTE_ORDER_MARK.length);
        return marked ? Arrays.copyOfRange(content, UTF8_BYTE_ORDER_MARK.length, content.length) : content;
    }

    /**
     * Returns a copy of the table for Drools in which each given cell reads {@code true} or {@code false}. The lines of
     * those cells are written again, with quotes around the cells that contain a comma or a quote, and the content is
     * returned without its byte order mark.
     */
    static byte[] withBooleans(byte[] content, List<DecisionTableChecks.BooleanText> cells) {
        if (cells.isEmpty()) {
            return content;
        }
        List<String> lines = new ArrayList<>(text(content).lines().toList());
        for (DecisionTableChecks.BooleanText cell : cells) {
            List<String> values = new ArrayList<>(new CsvLineParser().parse(lines.get(cell.row())));
            values.set(cell.column(), String.valueOf(cell.value()));
            lines.set(cell.row(), String.join(",", values.stream().map(CsvTableReader::csvCell).toList()));
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static List<List<String>> lines(byte[] content) {
        CsvLineParser parser = new CsvLineParser();
        return text(content).lines().map(parser::parse).toList();
    }

    private static String text(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
