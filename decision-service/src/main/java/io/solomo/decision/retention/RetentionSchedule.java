package io.solomo.decision.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the retention rules every night ({@code solomo.retention.cron}, server time; {@code -} turns it off). Each
 * node runs it, which is safe because every batch only touches rows that still need it.
 */
@Configuration
@EnableScheduling
class RetentionSchedule {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final RetentionRuns runs;

    RetentionSchedule(RetentionRuns runs) {
        this.runs = runs;
    }

    @Scheduled(cron = "${solomo.retention.cron}")
    void runNightly() {
        try {
            runs.run();
        } catch (DataAccessException failed) {
            log.error("Retention run failed; the rows left are handled by the next run", failed);
        }
    }
}
