package io.solomo.decision.profile;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.RequestBodies;
import io.solomo.decision.web.RequestFields;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;

/**
 * Bulk customer imports from CSV: start one, follow its progress, read the profile of each imported row and the
 * row-level errors.
 */
@RestController
class CustomerImportController {

    static final String MAX_IMPORT_SIZE_SETTING = "solomo.api.max-customer-import-size";
    static final int DEFAULT_ROW_LIMIT = 1000;
    static final int MAX_ROW_LIMIT = 1000;

    private final CustomerImporter importer;
    private final CustomerImportJobs jobs;
    private final long maxImportBytes;

    CustomerImportController(CustomerImporter importer, CustomerImportJobs jobs,
                             @Value("${" + MAX_IMPORT_SIZE_SETTING + ":200MB}") DataSize maxImportSize) {
        this.importer = importer;
        this.jobs = jobs;
        this.maxImportBytes = RequestBodies.limitInBytes(MAX_IMPORT_SIZE_SETTING, maxImportSize, Long.MAX_VALUE);
    }

    /**
     * Starts an import of the CSV in the request body and returns 202 with the job and its location. A body larger
     * than {@value #MAX_IMPORT_SIZE_SETTING} gets a 413 problem, and the part already written to the temporary file
     * is deleted.
     */
    @PostMapping(path = "/api/v1/customer-imports", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ResponseEntity<CustomerImportJobs.Job> start(HttpServletRequest request,
                                                 @RequestParam(name = "fileName", required = false) String fileName,
                                                 Principal caller) throws IOException {
        CustomerImportJobs.Job job = importer.start(
                RequestBodies.open(request, maxImportBytes, MAX_IMPORT_SIZE_SETTING),
                RequestFields.optionalText("fileName", fileName, 300), caller.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/customer-imports/" + job.jobId()))
                .body(job);
    }

    @GetMapping("/api/v1/customer-imports/{jobId}")
    CustomerImportJobs.Job job(@PathVariable String jobId) {
        return jobs.find(jobId).orElseThrow(() -> new NotFoundException("customer import", "jobId", jobId));
    }

    /**
     * Lists the imported rows in row order, each with its key identity, its profile and whether the row created or
     * updated it. {@code after} takes the last row number of the previous call to read the next ones, so an import
     * of any size is read a page at a time. Rejected rows are listed by {@link #errors} instead.
     */
    @GetMapping("/api/v1/customer-imports/{jobId}/rows")
    List<CustomerImportJobs.ImportedRow> rows(@PathVariable String jobId,
                                              @RequestParam(defaultValue = "0") int after,
                                              @RequestParam(defaultValue = "" + DEFAULT_ROW_LIMIT) int limit) {
        checkPage(after, limit);
        job(jobId);
        return jobs.rows(jobId, after, limit);
    }

    /**
     * Lists the rejected cells in row order, all those of up to {@code limit} rows numbered after {@code after}, so
     * that a row's errors never straddle two pages. The next call passes the last row number received.
     */
    @GetMapping("/api/v1/customer-imports/{jobId}/errors")
    List<CustomerImportJobs.RowError> errors(@PathVariable String jobId,
                                             @RequestParam(defaultValue = "0") int after,
                                             @RequestParam(defaultValue = "" + DEFAULT_ROW_LIMIT) int limit) {
        checkPage(after, limit);
        job(jobId);
        return jobs.errors(jobId, after, limit);
    }

    private static void checkPage(int after, int limit) {
        if (after < 0) {
            throw new InvalidFieldException("after", after, "after must be a row number of 0 or more, got " + after);
        }
        if (limit < 1 || limit > MAX_ROW_LIMIT) {
            throw new InvalidFieldException("limit", limit, "limit must be within 1.." + MAX_ROW_LIMIT + ", got "
                    + limit);
        }
    }
}
