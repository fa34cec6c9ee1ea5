package io.solomo.rules;

import java.util.Objects;

/**
 * One thing wrong, or worth a second look, in an uploaded rule set, placed where the analyst can find it, and worded
 * in English and French from one {@link FindingText}.
 *
 * @param severity  an {@link Severity#ERROR} makes the version invalid; a {@link Severity#WARNING} does not
 * @param file      the path of the file as uploaded, or null when the finding concerns the whole rule set
 * @param sheet     the worksheet of a workbook, or null for a DRL or CSV file or when unknown
 * @param cell      the cell such as {@code D12} in a decision table, {@code line 7} or {@code line 7, column 3} in a
 *                  DRL file, {@code row 7} in a table when the cell is unknown, or null when unknown
 * @param code      the kind of finding, a key of the findings message bundles such as {@code table.date-cell}
 * @param message   what is wrong and what to do, on one line, in English
 * @param messageFr the same in French, which quotes a Drools compiler error in English
 */
public record Finding(Severity severity, String file, String sheet, String cell, String code, String message,
                      String messageFr) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(messageFr, "messageFr");
    }

    static Finding error(String file, String sheet, String cell, FindingText text) {
        return new Finding(Severity.ERROR, file, sheet, cell, text.code(), text.english(), text.french());
    }

    static Finding warning(String file, String sheet, String cell, FindingText text) {
        return new Finding(Severity.WARNING, file, sheet, cell, text.code(), text.english(), text.french());
    }

    /** Returns where the finding sits, such as {@code offers.drl.xlsx Offers!D12}, for logs and messages. */
    public String location() {
        return new Location(file, sheet, cell).text().english();
    }

    @Override
    public String toString() {
        return severity + " " + location() + ": " + message;
    }

    public enum Severity {
        ERROR,
        WARNING
    }
}
