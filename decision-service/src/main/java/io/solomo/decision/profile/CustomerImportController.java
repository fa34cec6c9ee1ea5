package io.solomo.decision.profile;

import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.RequestFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.List;

/** Bulk customer imports from CSV: start one, follow its progress, read its row-level errors. */
@RestController
class CustomerImportController {

    private final CustomerImporter importer;
    private final CustomerImportJobs jobs;

    CustomerImportController(CustomerImporter importer, CustomerImportJobs jobs) {
        this.importer = importer;
        this.jobs = jobs;
    }

    /** Starts an import of the CSV in the request body and returns 202 with the job and its location. */
    @PostMapping(path = "/api/v1/customer-imports", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ResponseEntity<CustomerImportJobs.Job> start(InputStream body,
                                                 @RequestParam(name = "fileName", required = false) String fileName,
                                                 Principal caller) throws IOException {
        CustomerImportJobs.Job job = importer.start(body, RequestFields.optionalText("fileName", fileName, 300),
                caller.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/customer-imports/" + job.jobId()))
                .body(job);
    }

    @GetMapping("/api/v1/customer-imports/{jobId}")
    CustomerImportJobs.Job job(@PathVariable String jobId) {
        return jobs.find(jobId).orElseThrow(() -> new NotFoundException("customer import", "jobId", jobId));
    }

    @GetMapping("/api/v1/customer-imports/{jobId}/errors")
    List<CustomerImportJobs.RowError> errors(@PathVariable String jobId) {
        job(jobId);
        return jobs.errors(jobId);
    }
}
