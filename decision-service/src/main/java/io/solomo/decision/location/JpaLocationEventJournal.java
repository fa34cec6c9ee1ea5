package io.solomo.decision.location;

import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.LocationEventJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps each location event's outcome on its database row. */
@Service
class JpaLocationEventJournal implements LocationEventJournal {

    private static final Logger log = LoggerFactory.getLogger(JpaLocationEventJournal.class);

    private final LocationEventRepository events;

    JpaLocationEventJournal(LocationEventRepository events) {
        this.events = events;
    }

    @Override
    @Transactional
    public void markProcessed(String eventId, String storeId, String decisionId) {
        events.findById(eventId).ifPresentOrElse(
                event -> event.markProcessed(storeId, decisionId),
                () -> log.warn("Location event {} was processed but is not stored", eventId));
    }

    // TODO: one UPDATE and transaction per fix limits the route to a few hundred fixes per second on a loaded 2-core
    // machine (docs/benchmarks.md); collecting the marks and writing them in JDBC batches would lift that limit.
    @Override
    @Transactional
    public void markProcessed(String eventId, String storeId, String decisionId, FixAssessment assessment) {
        int updated = events.markProcessed(eventId, storeId, decisionId, assessment == null ? null : assessment.name());
        if (updated == 0) {
            log.warn("Location event {} was processed but is not stored", eventId);
        }
    }

    @Override
    @Transactional
    public void markFailed(String eventId, String reason) {
        events.findById(eventId).ifPresentOrElse(
                event -> event.markFailed(reason),
                () -> log.warn("Location event {} failed but is not stored: {}", eventId, reason));
    }
}
