package io.solomo.decision.profile;

/**
 * Finds where the rows of an RFC 4180 CSV end, one byte at a time, so that a row too long to parse is rejected
 * before a CSV parser reads it into memory. A row ends at a line feed outside a quoted cell. A cell is quoted when it
 * starts with a double quote, and inside it a line feed belongs to the cell and two double quotes are one. A double
 * quote inside an unquoted cell is a plain character, as Commons CSV reads it.
 */
final class CsvRowScanner {

    private enum State { CELL_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private State state = State.CELL_START;

    /** Takes the next byte of the file and returns whether it ends the current row. */
    boolean endsRow(int next) {
        state = switch (state) {
            case CELL_START -> next == '"' ? State.QUOTED : afterPlain(next);
            case UNQUOTED -> afterPlain(next);
            case QUOTED -> next == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
            // A second quote is an escaped quote inside the cell; anything else follows the closing quote.
            case QUOTE_IN_QUOTED -> next == '"' ? State.QUOTED : afterPlain(next);
        };
        return next == '\n' && state == State.CELL_START;
    }

    private static State afterPlain(int next) {
        return next == ',' || next == '\n' ? State.CELL_START : State.UNQUOTED;
    }
}
