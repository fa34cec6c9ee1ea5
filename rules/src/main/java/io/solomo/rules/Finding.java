package io.solomo.rules;

import java.util.Objects;

/**
 * One thing wrong, or worth a second look, in an uploaded rule set, placed where the analyst can find it.
 *
 * @param severity an {@link Severity#ERROR} makes the version invalid; a {@link Severity#WARNING} does not
 * @param file     the path of the file as uploaded, or null when the finding concerns the whole rule set
 * @param sheet    the worksheet of a workbook, or null for a DRL or CSV file or when unknown
 * @param cell     the cell such as {@code D12} in a decision table, {@code line 7} or {@code line 7, column 3} in a
 *                 DRL file, or null when unknown
 * @param message  what is wrong and what to do, on one line, in English only
 */
// NOTE: analysts who read French need a code per kind of finding with its values, so that the report can word each
// finding in both languages when it is written.
public record Finding(Severity severity, String file, String sheet, String cell, String message) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    static Finding error(String file, String sheet, String cell, String message) {
        return new Finding(Severity.ERROR, file, sheet, cell, message);
    }

    static Finding warning(String file, String sheet, String cell, String message) {
        return new Finding(Severity.WARNING, file, sheet, cell, message);
    }

    /** Returns where the finding sits, such as {@code offers.drl.xlsx Offers!D12}, for logs and messages. */
    public String location() {
        StringBuilder location = new StringBuilder(file == null ? "rule set" : file);
        if (sheet != null && cell != null) {
            location.append(' ').append(sheet).append('!').append(cell);
        } else if (cell != null) {
            location.append(' ').append(cell);
        } else if (sheet != null) {
            location.append(" sheet ").append(sheet);
        }
        return location.toString();
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
