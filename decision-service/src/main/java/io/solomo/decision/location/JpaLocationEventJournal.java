package io.solomo.decision.location;

import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.LocationEventJournal;
import io.solomo.model.location.ProcessedFix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Keeps each location event's outcome on its database row. Each mark also writes, in the same transaction, the
 * device state and transitions that the {@link GeofencePresenceTracker} keeps pending for that event.
 */
@Service
class JpaLocationEventJournal implements LocationEventJournal {

    private static final Logger log = LoggerFactory.getLogger(JpaLocationEventJournal.class);
    private static final int MAX_REASON_LENGTH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final GeofencePresenceTracker tracker;

    JpaLocationEventJournal(JdbcTemplate jdbc, TransactionTemplate transaction, GeofencePresenceTracker tracker) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.tracker = tracker;
    }

    @Override
    public void markProcessed(String eventId, String storeId, String decisionId) {
        markAllProcessed(List.of(new ProcessedFix(eventId, storeId, decisionId, null)));
    }

    @Override
    public void markProcessed(String eventId, String storeId, String decisionId, FixAssessment assessment) {
        markAllProcessed(List.of(new ProcessedFix(eventId, storeId, decisionId, assessment)));
    }

    /** Marks the fixes processed with one JDBC batch, in one transaction with the tracker's pending writes. */
    @Override
    public void markAllProcessed(List<ProcessedFix> fixes) {
        if (fixes.isEmpty()) {
            return;
        }
        List<String> eventIds = fixes.stream().map(ProcessedFix::eventId).toList();
        int[][] updated = transaction.execute(status -> {
            tracker.writePending(eventIds);
            return jdbc.batchUpdate("update location_event set status = 'PROCESSED', store_id = ?, decision_id = ?, "
                    + "assessment = ?, failure_reason = null where event_id = ?", fixes, fixes.size(),
                    (statement, fix) -> {
                        statement.setString(1, fix.storeId());
                        statement.setString(2, fix.decisionId());
                        statement.setString(3, fix.assessment() == null ? null : fix.assessment().name());
                        statement.setString(4, fix.eventId());
                    });
        });
        tracker.forgetPending(eventIds);
        for (int i = 0; i < fixes.size(); i++) {
            if (updated[0][i] == 0) {
                log.warn("Location event {} was processed but is not stored", fixes.get(i).eventId());
            }
        }
    }

    @Override
    public void markFailed(String eventId, String reason) {
        String shortened = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        int updated = transaction.execute(status -> {
            tracker.writePending(List.of(eventId));
            return jdbc.update("update location_event set status = 'FAILED', failure_reason = ? where event_id = ?",
                    shortened, eventId);
        });
        tracker.forgetPending(List.of(eventId));
        if (updated == 0) {
            log.warn("Location event {} failed but is not stored: {}", eventId, reason);
        }
    }
}
