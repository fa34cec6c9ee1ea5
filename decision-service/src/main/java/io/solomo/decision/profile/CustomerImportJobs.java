package io.solomo.decision.profile;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The progress, the row-level errors and the row outcomes of customer imports, in table {@code customer_import} and
 * its tables of errors and rows.
 */
@Repository
class CustomerImportJobs {

    static final int MAX_VALUE_LENGTH = 500;
    static final int MAX_REASON_LENGTH = 1000;

    private final JdbcTemplate jdbc;

    CustomerImportJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void create(String jobId, String fileName, int totalRows, String requestedBy, Instant now) {
        jdbc.update("insert into customer_import (job_id, file_name, status, total_rows, rows_done, rows_imported, "
                        + "error_count, requested_by, created_at) values (?, ?, ?, ?, 0, 0, 0, ?, ?)",
                jobId, fileName, Status.RUNNING.name(), totalRows, requestedBy, Timestamp.from(now));
    }

    /** Adds a chunk's counts and errors to the job's progress. */
    void progress(String jobId, int rowsDone, int rowsImported, List<RowError> errors) {
        if (!errors.isEmpty()) {
            jdbc.batchUpdate("insert into customer_import_error (job_id, row_number, field, field_value, reason) "
                            + "values (?, ?, ?, ?, ?)", errors, errors.size(),
                    (statement, error) -> {
                        statement.setString(1, jobId);
                        statement.setInt(2, error.row());
                        statement.setString(3, error.field());
                        statement.setString(4, storable(truncate(error.value(), MAX_VALUE_LENGTH)));
                        statement.setString(5, storable(truncate(error.reason(), MAX_REASON_LENGTH)));
                    });
        }
        jdbc.update("update customer_import set rows_done = rows_done + ?, rows_imported = rows_imported + ?, "
                + "error_count = error_count + ? where job_id = ?", rowsDone, rowsImported, errors.size(), jobId);
    }

    /**
     * Stores the outcome of each imported row with one JDBC batch. Call it in the transaction that writes the rows'
     * profiles, so that a chunk rolled back leaves no outcome behind.
     */
    void recordRows(String jobId, List<ImportedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into customer_import_row (job_id, row_number, identity_type, identity_value, "
                        + "customer_id, outcome) values (?, ?, ?, ?, ?, ?)", rows, rows.size(),
                (statement, row) -> {
                    statement.setString(1, jobId);
                    statement.setInt(2, row.row());
                    statement.setString(3, row.identityType().name());
                    statement.setString(4, row.identityValue());
                    statement.setString(5, row.customerId());
                    statement.setString(6, row.outcome().name());
                });
    }

    void finish(String jobId, Status status, String failure, Instant now) {
        jdbc.update("update customer_import set status = ?, failure = ?, finished_at = ? where job_id = ?",
                status.name(), truncate(failure, MAX_REASON_LENGTH), Timestamp.from(now), jobId);
    }

    /** Marks the jobs left running by a server that stopped as failed; returns how many there were. */
    int failAbandoned(Instant now) {
        return jdbc.update("update customer_import set status = ?, failure = ?, finished_at = ? where status = ?",
                Status.FAILED.name(), "the server stopped before the import finished; import the remaining rows "
                        + "again", Timestamp.from(now), Status.RUNNING.name());
    }

    Optional<Job> find(String jobId) {
        return jdbc.query("select job_id, file_name, status, total_rows, rows_done, rows_imported, error_count, "
                        + "requested_by, created_at, finished_at, failure from customer_import where job_id = ?",
                (rs, index) -> new Job(rs.getString(1), rs.getString(2), Status.valueOf(rs.getString(3)),
                        rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getString(11),
                        rowsPath(rs.getString(1))),
                jobId).stream().findFirst();
    }

    /** Returns up to {@code limit} imported rows numbered after {@code afterRow}, in row order. */
    List<ImportedRow> rows(String jobId, int afterRow, int limit) {
        return jdbc.query("select row_number, identity_type, identity_value, customer_id, outcome "
                        + "from customer_import_row where job_id = ? and row_number > ? order by row_number "
                        + "fetch first ? rows only",
                (rs, index) -> new ImportedRow(rs.getInt(1), IdentityType.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), Outcome.valueOf(rs.getString(5))),
                jobId, afterRow, limit);
    }

    /** Returns the errors of up to {@code rowLimit} rejected rows numbered after {@code afterRow}, in row order. */
    List<RowError> errors(String jobId, int afterRow, int rowLimit) {
        return jdbc.query("""
                        select row_number, field, field_value, reason from customer_import_error
                        where job_id = ? and row_number > ? and row_number <= (
                            select max(row_number) from (
                                select distinct row_number from customer_import_error
                                where job_id = ? and row_number > ? order by row_number fetch first ? rows only) page)
                        order by row_number, id""",
                (rs, index) -> new RowError(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                jobId, afterRow, jobId, afterRow, rowLimit);
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /** Writes a NUL character of a rejected cell as JSON would escape it, since PostgreSQL cannot store it. */
    private static String storable(String text) {
        return text == null ? null : text.replace("\0", "\\u0000");
    }

    enum Status {
        RUNNING, COMPLETED, FAILED
    }

    private static String rowsPath(String jobId) {
        return "/api/v1/customer-imports/" + jobId + "/rows";
    }

    /**
     * An import job and its progress; {@code finishedAt} and {@code failure} are null while it runs.
     *
     * @param rowsUrl the path of the list of imported rows with the profile each one created or updated
     */
    record Job(String jobId, String fileName, Status status, int totalRows, int rowsDone, int rowsImported,
               int errorCount, String requestedBy, Instant createdAt, Instant finishedAt, String failure,
               String rowsUrl) {
    }

    /** Whether an imported row created its profile or updated one that a known identity or an earlier row led to. */
    enum Outcome {
        CREATED, UPDATED
    }

    /**
     * An imported row and the profile it led to.
     *
     * @param row           the data row number, 1 for the first row after the header
     * @param identityType  the type of the row's key identity: the one the row was matched on, or for a created
     *                      profile the row's first identity, in the order of {@link ImportRow#KEY_IDENTITY_ORDER}
     * @param identityValue the normalised identity value, or null once the customer's personal data was erased
     * @param customerId    the profile's current id, which follows later merges
     */
    record ImportedRow(int row, IdentityType identityType, String identityValue, String customerId,
                       Outcome outcome) {
    }

    /**
     * A row that was not imported.
     *
     * @param row   the data row number, 1 for the first row after the header
     * @param field the column at fault, or null when the row as a whole failed
     */
    record RowError(int row, String field, String value, String reason) {
    }
}
