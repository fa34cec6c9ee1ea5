package io.solomo.decision.location;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.ZoneOffset;
import java.util.List;

/** Writes {@code geofence_transition} rows in JDBC batches; callers provide the transaction. */
@Repository
class TransitionRows {

    private final JdbcTemplate jdbc;

    TransitionRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<TransitionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into geofence_transition (transition_id, device_id, customer_id, store_id, kind, "
                        + "cause, event_id, occurred_at, recorded_at, decision_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows, rows.size(), (statement, row) -> {
                    statement.setString(1, row.transition().transitionId());
                    statement.setString(2, row.deviceId());
                    statement.setString(3, row.customerId());
                    statement.setString(4, row.transition().storeId());
                    statement.setString(5, row.transition().kind().name());
                    statement.setString(6, row.transition().cause().name());
                    statement.setString(7, row.eventId());
                    statement.setObject(8, row.transition().occurredAt().atOffset(ZoneOffset.UTC));
                    statement.setObject(9, row.recordedAt().atOffset(ZoneOffset.UTC));
                    statement.setString(10, row.decisionId());
                });
    }

    /** Links a stored transition to the decision it triggered; a transition not stored is left alone. */
    void linkDecision(String transitionId, String decisionId) {
        jdbc.update("update geofence_transition set decision_id = ? where transition_id = ?", decisionId,
                transitionId);
    }
}
