package io.solomo.decision.retention;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs the retention rules on request (ADMIN), for example after changing a period, without waiting for the night. */
@RestController
class RetentionController {

    private final RetentionRuns runs;

    RetentionController(RetentionRuns runs) {
        this.runs = runs;
    }

    @PostMapping("/api/v1/retention-runs")
    RetentionRuns.RetentionRun run() {
        return runs.run();
    }
}
