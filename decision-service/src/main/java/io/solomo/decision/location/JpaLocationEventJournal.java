package io.solomo.decision.location;

import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.LocationEventJournal;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.ProcessedFix;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores each location event once, on its {@code location_event} row, with its outcome. Each write also stores, in
 * the same transaction, the device state and transitions that the {@link GeofencePresenceTracker} keeps pending for
 * those events.
 *
 * <p>A row can already exist in two cases: a replay that reached the route before its first copy was stored, which
 * keeps its first outcome, and a {@code RECEIVED} row left by a version that stored fixes before handling them,
 * which is completed.
 */
@Service
class JpaLocationEventJournal implements LocationEventJournal {

    private static final int MAX_REASON_LENGTH = 1000;
    private static final String INSERT = "insert into location_event (event_id, customer_id, device_id, latitude, "
            + "longitude, accuracy_meters, recorded_at, received_at, status, store_id, decision_id, assessment, "
            + "failure_reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COMPLETE_RECEIVED = "update location_event set status = ?, store_id = ?, "
            + "decision_id = ?, assessment = ?, failure_reason = ? where event_id = ? and status = '"
            + LocationEvent.RECEIVED + "'";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final TransactionTemplate transaction;
    private final GeofencePresenceTracker tracker;
    private final Clock clock;

    JpaLocationEventJournal(JdbcTemplate jdbc, TransactionTemplate transaction, GeofencePresenceTracker tracker,
                            Clock clock) {
        this.jdbc = jdbc;
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.transaction = transaction;
        this.tracker = tracker;
        this.clock = clock;
    }

    /**
     * Inserts the rows with one JDBC batch. When some already exist, the transaction is rolled back and run again
     * with those rows left out or completed.
     */
    @Override
    public Set<String> recordProcessed(List<ProcessedFix> fixes) {
        if (fixes.isEmpty()) {
            return Set.of();
        }
        List<Outcome> outcomes = new ArrayList<>(fixes.size());
        for (ProcessedFix fix : fixes) {
            outcomes.add(new Outcome(fix.fix(), LocationEvent.PROCESSED, fix.storeId(), fix.decisionId(),
                    fix.assessment(), null));
        }
        return record(outcomes);
    }

    @Override
    public void recordFailed(LocationFix fix, String reason) {
        String shortened = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        record(List.of(new Outcome(fix, LocationEvent.FAILED, null, null, null, shortened)));
    }

    private Set<String> record(List<Outcome> outcomes) {
        List<String> eventIds = outcomes.stream().map(outcome -> outcome.fix().eventId()).toList();
        OffsetDateTime receivedAt = clock.instant().atOffset(ZoneOffset.UTC);
        Set<String> alreadyHandled;
        try {
            transaction.executeWithoutResult(status -> {
                tracker.writePending(eventIds);
                insert(outcomes, receivedAt);
            });
            alreadyHandled = Set.of();
        } catch (DuplicateKeyException someStored) {
            alreadyHandled = transaction.execute(status -> {
                tracker.writePending(eventIds);
                return insertOrComplete(outcomes, receivedAt);
            });
        }
        tracker.forgetPending(eventIds);
        return alreadyHandled;
    }

    /** Inserts the new rows, completes the {@code RECEIVED} ones and returns the ids of the rows already handled. */
    private Set<String> insertOrComplete(List<Outcome> outcomes, OffsetDateTime receivedAt) {
        Map<String, String> stored = new HashMap<>();
        namedJdbc.query("select event_id, status from location_event where event_id in (:ids)",
                Map.of("ids", outcomes.stream().map(outcome -> outcome.fix().eventId()).distinct().toList()),
                row -> {
                    stored.put(row.getString("event_id"), row.getString("status"));
                });
        List<Outcome> fresh = new ArrayList<>();
        List<Outcome> received = new ArrayList<>();
        Set<String> alreadyHandled = new HashSet<>();
        for (Outcome outcome : outcomes) {
            String eventId = outcome.fix().eventId();
            String status = stored.get(eventId);
            if (status == null) {
                fresh.add(outcome);
                // A second copy in the same batch is then already stored.
                stored.put(eventId, outcome.status());
            } else if (LocationEvent.RECEIVED.equals(status)) {
                received.add(outcome);
                stored.put(eventId, outcome.status());
            } else {
                alreadyHandled.add(eventId);
            }
        }
        insert(fresh, receivedAt);
        jdbc.batchUpdate(COMPLETE_RECEIVED, received, received.size(), (statement, outcome) -> {
            statement.setString(1, outcome.status());
            statement.setString(2, outcome.storeId());
            statement.setString(3, outcome.decisionId());
            statement.setString(4, assessment(outcome));
            statement.setString(5, outcome.failureReason());
            statement.setString(6, outcome.fix().eventId());
        });
        return alreadyHandled;
    }

    private void insert(List<Outcome> outcomes, OffsetDateTime receivedAt) {
        jdbc.batchUpdate(INSERT, outcomes, outcomes.size(), (statement, outcome) -> bind(statement, outcome,
                receivedAt));
    }

    private static void bind(PreparedStatement statement, Outcome outcome, OffsetDateTime receivedAt)
            throws SQLException {
        LocationFix fix = outcome.fix();
        statement.setString(1, fix.eventId());
        statement.setString(2, fix.customerId());
        statement.setString(3, fix.deviceId());
        statement.setDouble(4, fix.latitude());
        statement.setDouble(5, fix.longitude());
        if (fix.accuracyMeters() == null) {
            statement.setNull(6, Types.DOUBLE);
        } else {
            statement.setDouble(6, fix.accuracyMeters());
        }
        statement.setObject(7, fix.recordedAt().atOffset(ZoneOffset.UTC));
        statement.setObject(8, receivedAt);
        statement.setString(9, outcome.status());
        statement.setString(10, outcome.storeId());
        statement.setString(11, outcome.decisionId());
        statement.setString(12, assessment(outcome));
        statement.setString(13, outcome.failureReason());
    }

    private static String assessment(Outcome outcome) {
        return outcome.assessment() == null ? null : outcome.assessment().name();
    }

    /** The row of one fix: processed with its store, decision and assessment, or failed with the reason. */
    private record Outcome(LocationFix fix, String status, String storeId, String decisionId,
                           FixAssessment assessment, String failureReason) {
    }
}
