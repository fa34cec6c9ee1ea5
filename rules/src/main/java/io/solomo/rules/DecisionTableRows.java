package io.solomo.rules;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.template.parser.DecisionTableParseException;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the spreadsheet row behind a line of the DRL that Drools generates from a decision table. Drools reports
 * build errors in a table at lines of that generated text, which is never shown to the analyst editing the workbook.
 */
final class DecisionTableRows {

    // Drools 10.2 writes this comment above every rule it generates from a table row, e.g. "// rule values at B16,
    // header at B11".
    private static final Pattern ROW_COMMENT = Pattern.compile("^// rule values at [A-Z]+(\\d+), header at .*$");
    private static final Pattern RULE_HEADER = Pattern.compile("^rule \"(.*)\"\\s*$");

    private final List<String> generatedLines;

    private DecisionTableRows(List<String> generatedLines) {
        this.generatedLines = generatedLines;
    }

    /** Generates the table's DRL again; returns empty when the table cannot be read, so no row can be found. */
    static Optional<DecisionTableRows> of(String path, byte[] content) {
        InputType inputType = RuleFileNames.isCsvDecisionTable(path) ? InputType.CSV : InputType.XLS;
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), inputType);
            return Optional.of(new DecisionTableRows(drl.lines().toList()));
        } catch (DecisionTableParseException unreadable) {
            return Optional.empty();
        }
    }

    /** Returns the row and rule name of the rule that contains the given 1-based line of the generated DRL. */
    Optional<TableRow> rowAt(int line) {
        int row = 0;
        String ruleName = null;
        int last = Math.min(line, generatedLines.size());
        for (int index = 0; index < last; index++) {
            String text = generatedLines.get(index).trim();
            Matcher rowComment = ROW_COMMENT.matcher(text);
            Matcher ruleHeader = RULE_HEADER.matcher(text);
            if (rowComment.matches()) {
                row = Integer.parseInt(rowComment.group(1));
                ruleName = null;
            } else if (ruleHeader.matches()) {
                ruleName = ruleHeader.group(1);
            }
        }
        if (row == 0 || ruleName == null) {
            return Optional.empty();
        }
        return Optional.of(new TableRow(row, ruleName));
    }

    record TableRow(int row, String ruleName) {
    }
}
