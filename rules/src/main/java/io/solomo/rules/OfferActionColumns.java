package io.solomo.rules;

import io.solomo.model.offer.OfferCandidate;
import io.solomo.rules.DecisionTableChecks.Table;
import io.solomo.rules.TableGrid.GridCell;
import io.solomo.rules.TableGrid.Kind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ACTION columns of a RuleTable that supply the offer id and the weight of {@code new OfferCandidate(offerId,
 * weight, ...)}. {@link OfferCandidate} rejects a blank offer id and a weight of 0 or below when the rule fires, so
 * every decision the rule matches would fail. A blank cell makes Drools leave out the action, so the rule proposes no
 * offer or does not compile.
 */
final class OfferActionColumns {

    private static final Pattern NEW_CANDIDATE = Pattern.compile(
            "\\bnew\\s+(?:io\\.solomo\\.model\\.offer\\.)?OfferCandidate\\s*\\(");
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_]\\w*$");
    // A Java literal as Drools pastes it into the code: digits with underscores between them, and either an l or L
    // suffix, or an optional fraction and exponent with an optional d, D, f or F suffix.
    private static final Pattern JAVA_NUMBER = Pattern.compile("^[+-]?(?:\\d(?:_*\\d)*[lL]|(?:\\d(?:_*\\d)*\\.?"
            + "(?:\\d(?:_*\\d)*)?|\\.\\d(?:_*\\d)*)(?:[eE][+-]?\\d(?:_*\\d)*)?[dDfF]?)$");
    private static final String PARAM = "$param";

    private final TableGrid grid;
    private final Table table;
    private final int offerIdColumn;
    private final int weightColumn;

    private OfferActionColumns(TableGrid grid, Table table, int offerIdColumn, int weightColumn) {
        this.grid = grid;
        this.table = table;
        this.offerIdColumn = offerIdColumn;
        this.weightColumn = weightColumn;
    }

    /** Finds the columns from the code row of the table. Either column is -1 when a literal or nothing supplies it. */
    static OfferActionColumns of(TableGrid grid, Table table) {
        int snippetRow = table.titleRow() + 3;
        int offerIdColumn = -1;
        int weightColumn = -1;
        for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
            if (!table.isAction(column)) {
                continue;
            }
            List<String> arguments = candidateArguments(grid.text(snippetRow, column));
            if (arguments.size() < 2) {
                continue;
            }
            String offerId = arguments.get(0);
            if (offerId.equals("\"" + PARAM + "\"")) {
                offerIdColumn = column;
            } else if (IDENTIFIER.matcher(offerId).matches()) {
                offerIdColumn = columnDeclaring(grid, table, offerId).orElse(offerIdColumn);
            }
            if (arguments.get(1).equals(PARAM)) {
                weightColumn = column;
            }
        }
        return new OfferActionColumns(grid, table, offerIdColumn, weightColumn);
    }

    /** Returns the column whose cells give the offer id, or -1 when a literal or nothing supplies it. */
    int offerIdColumn() {
        return offerIdColumn;
    }

    /** Returns what is wrong with a non-blank cell of the weight column, if anything. */
    Optional<FindingText> problemWith(GridCell cell) {
        if (cell.column() != weightColumn) {
            return Optional.empty();
        }
        String text = cell.text().strip();
        double weight;
        String displayedWeight;
        if (cell.kind() == Kind.NUMBER) {
            weight = cell.number();
            displayedWeight = new BigDecimal(String.valueOf(weight)).stripTrailingZeros().toPlainString();
        } else if (JAVA_NUMBER.matcher(text).matches()) {
            weight = Double.parseDouble(text.replace("_", "").replaceAll("[lL]$", ""));
            displayedWeight = text;
        } else {
            return Optional.of(FindingText.of("offer.weight-not-number", text));
        }
        if (weight > 0) {
            return Optional.empty();
        }
        return Optional.of(FindingText.of("offer.weight-not-positive", displayedWeight));
    }

    /** Adds an error for each rule row that has an offer id without a weight, or a weight without an offer id. */
    void checkBlanks(List<Finding> findings) {
        if (offerIdColumn < 0 || weightColumn < 0) {
            return;
        }
        for (int row = table.firstDataRow(); row <= table.lastDataRow(); row++) {
            String offerId = textSeenByDrools(row, offerIdColumn);
            String weight = textSeenByDrools(row, weightColumn);
            if (weight.isEmpty() && !offerId.isEmpty()) {
                findings.add(grid.error(row, weightColumn, FindingText.of("offer.weight-missing", offerId)));
            } else if (offerId.isEmpty() && !weight.isEmpty()) {
                findings.add(grid.error(row, offerIdColumn, FindingText.of("offer.id-missing", weight)));
            }
        }
    }

    /** Returns the text of a cell, or of the first cell of the merge that covers it, which Drools copies there. */
    private String textSeenByDrools(int row, int column) {
        for (TableGrid.Merge merge : grid.merges()) {
            if (row >= merge.firstRow() && row <= merge.lastRow() && column >= merge.firstColumn()
                    && column <= merge.lastColumn()) {
                return grid.text(merge.firstRow(), merge.firstColumn());
            }
        }
        return grid.text(row, column);
    }

    /** Returns the column whose code declares {@code String name = "$param";}. */
    private static Optional<Integer> columnDeclaring(TableGrid grid, Table table, String name) {
        Pattern declaration = Pattern.compile("\\bString\\s+" + name + "\\s*=\\s*\"\\$param\"\\s*;");
        for (int column = table.firstColumn(); column <= table.lastColumn(); column++) {
            if (table.isAction(column) && declaration.matcher(grid.text(table.titleRow() + 3, column)).find()) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** Returns the stripped arguments of the first {@code new OfferCandidate(...)} in the code, or an empty list. */
    private static List<String> candidateArguments(String code) {
        var matcher = NEW_CANDIDATE.matcher(code);
        if (!matcher.find()) {
            return List.of();
        }
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int start = matcher.end();
        for (int index = start; index < code.length(); index++) {
            char character = code.charAt(index);
            if (inString) {
                if (character == '\\') {
                    index++;
                } else if (character == '"') {
                    inString = false;
                }
            } else if (character == '"') {
                inString = true;
            } else if (character == '(') {
                depth++;
            } else if (character == ',' && depth == 0) {
                arguments.add(code.substring(start, index).strip());
                start = index + 1;
            } else if (character == ')') {
                if (depth == 0) {
                    arguments.add(code.substring(start, index).strip());
                    return arguments;
                }
                depth--;
            }
        }
        return List.of();
    }
}
