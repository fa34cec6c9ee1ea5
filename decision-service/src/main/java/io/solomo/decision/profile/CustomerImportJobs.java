package io.solomo.decision.profile;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The progress and the row-level errors of customer imports, in tables {@code customer_import} and its errors. */
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
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getString(11)),
                jobId).stream().findFirst();
    }

    List<RowError> errors(String jobId) {
        return jdbc.query("select row_number, field, field_value, reason from customer_import_error "
                        + "where job_id = ? order by row_number, id",
                (rs, index) -> new RowError(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                jobId);
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

    /** An import job and its progress; {@code finishedAt} and {@code failure} are null while it runs. */
    record Job(String jobId, String fileName, Status status, int totalRows, int rowsDone, int rowsImported,
               int errorCount, String requestedBy, Instant createdAt, Instant finishedAt, String failure) {
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
