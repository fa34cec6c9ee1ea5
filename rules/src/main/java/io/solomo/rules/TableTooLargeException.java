package io.solomo.rules;

/**
 * Thrown when a decision table of an upload has more rule rows than the validator accepts, before any check or
 * compilation runs, because validating tens of thousands of rows can keep the upload request waiting for more than a
 * minute.
 */
public final class TableTooLargeException extends RuntimeException {

    private final String file;
    private final int rows;
    private final int maxRows;
    private final FindingText text;

    TableTooLargeException(String file, int rows, int maxRows) {
        this(file, rows, maxRows, FindingText.of("table.too-many-rows", file, rows, maxRows));
    }

    private TableTooLargeException(String file, int rows, int maxRows, FindingText text) {
        super(text.english());
        this.file = file;
        this.rows = rows;
        this.maxRows = maxRows;
        this.text = text;
    }

    /** Returns the path of the table as uploaded. */
    public String file() {
        return file;
    }

    /** Returns the number of rule rows that the table's RuleTables contain. */
    public int rows() {
        return rows;
    }

    /** Returns the limit that the table exceeds. */
    public int maxRows() {
        return maxRows;
    }

    /** Returns the message in French, for the analyst; {@link #getMessage()} returns it in English. */
    public String messageFr() {
        return text.french();
    }
}
