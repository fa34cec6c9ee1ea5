package io.solomo.decision.retention;

import io.solomo.decision.profile.InactiveProfiles;
import io.solomo.decision.profile.RouteLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Deletes or empties the personal data older than the {@code solomo.retention.*} periods. Every batch of at most
 * {@code batch-size} rows runs in its own transaction, and each statement only touches rows that still need it, so
 * two nodes running at once do the same work twice at worst and never undo each other's.
 */
@Service
public class RetentionRuns {

    /** Deliveries that have left the outbox: no dispatcher, retry or claim reads their text again. */
    private static final String LEFT_OUTBOX = "('SENT', 'DELIVERED', 'OPENED', 'CLICKED', 'DEAD', 'SUPPRESSED')";

    private static final Logger log = LoggerFactory.getLogger(RetentionRuns.class);

    private final RetentionSettings settings;
    private final InactiveProfiles inactiveProfiles;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RetentionRuns(RetentionSettings settings, InactiveProfiles inactiveProfiles, JdbcTemplate jdbc,
                  TransactionTemplate transaction, Clock clock) {
        this.settings = settings;
        this.inactiveProfiles = inactiveProfiles;
        this.jdbc = jdbc;
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Runs every rule that is on and returns the rows each removed or emptied, by table. */
    public RetentionRun run() {
        Instant now = clock.instant();
        log.info("Retention run started");
        Map<String, Integer> deleted = new LinkedHashMap<>();
        Map<String, Integer> emptied = new LinkedHashMap<>();
        int profilesErased = 0;

        Instant fixesCutoff = settings.locationFixesCutoff(now).orElse(null);
        if (fixesCutoff != null) {
            OffsetDateTime before = utc(fixesCutoff);
            deleted.put("location_event", deleteOlder("location_event", "event_id", "recorded_at", before));
            deleted.put("geofence_transition",
                    deleteOlder("geofence_transition", "transition_id", "occurred_at", before));
            deleted.put("device_presence", deleteOlder("device_presence", "device_id", "last_seen_at", before));
        }
        Instant decisionsCutoff = settings.decisionContextCutoff(now).orElse(null);
        if (decisionsCutoff != null) {
            emptied.put("decision_record", emptyDecisionContext(utc(decisionsCutoff)));
        }
        Instant deliveriesCutoff = settings.deliveryPayloadsCutoff(now).orElse(null);
        if (deliveriesCutoff != null) {
            int[] counts = emptyDeliveryPayloads(utc(deliveriesCutoff));
            emptied.put("delivery", counts[0]);
            deleted.put("dead_letter", counts[1]);
        }
        Instant profilesCutoff = settings.inactiveProfilesCutoff(now).orElse(null);
        if (profilesCutoff != null) {
            profilesErased = inactiveProfiles.eraseInactiveSince(profilesCutoff, settings.batchSize());
        }

        log.info("Retention run finished: deleted {}, emptied {}, {} inactive profiles erased", deleted, emptied,
                profilesErased);
        return new RetentionRun(now, deleted, emptied, profilesErased);
    }

    /** Deletes the rows whose time column is before the cutoff, a batch per transaction, and returns how many. */
    private int deleteOlder(String table, String key, String timeColumn, OffsetDateTime before) {
        String delete = "delete from " + table + " where " + key + " in (select " + key + " from " + table
                + " where " + timeColumn + " < ? fetch first ? rows only)";
        return inBatches(() -> jdbc.update(delete, before, settings.batchSize()));
    }

    /**
     * Empties the request and facts of decisions made before the cutoff and removes the directions links of their
     * offers, whose start is the person's position. The record's offers, rejections, rules, contact time, store and
     * outcomes stay for statistics. An emptied request is {@code {}}, as after an erasure, which also marks the row
     * as done.
     */
    private int emptyDecisionContext(OffsetDateTime before) {
        return inBatches(() -> transaction.execute(status -> {
            List<String[]> decisions = jdbc.query("select decision_id, offers_json from decision_record "
                    + "where decided_at < ? and request_json <> '{}' fetch first ? rows only",
                    (row, index) -> new String[] {row.getString(1), row.getString(2)}, before, settings.batchSize());
            for (String[] decision : decisions) {
                jdbc.update("update decision_record set request_json = '{}', facts_json = case when facts_json is "
                        + "null then null else '{}' end, offers_json = ? where decision_id = ?",
                        RouteLinks.removedFrom(decision[1]), decision[0]);
            }
            return decisions.size();
        }));
    }

    /**
     * Empties the text, title and links of deliveries created before the cutoff that have left the outbox, and
     * deletes their dead letters, which keep a copy of the message. The row keeps its id, decision, offer, channel,
     * status, coupon code and provider message id, so receipts, statistics and the unique delivery per decision and
     * offer still work. An emptied message is the empty string, which also marks the row as done. Returns the
     * deliveries emptied and the dead letters deleted.
     */
    private int[] emptyDeliveryPayloads(OffsetDateTime before) {
        int[] counts = {0, 0};
        inBatches(() -> transaction.execute(status -> {
            List<String> ids = jdbc.queryForList("select delivery_id from delivery where created_at < ? "
                    + "and status in " + LEFT_OUTBOX + " and message <> '' fetch first ? rows only", String.class,
                    before, settings.batchSize());
            if (ids.isEmpty()) {
                return 0;
            }
            Map<String, Object> parameters = Map.of("ids", ids);
            // A dead letter replayed after the select has put its delivery back in the outbox. The update and the
            // delete check the status again once the dead letters are locked, in the replay's lock order (dead
            // letter, then delivery), so such a delivery keeps its message and its dead letter.
            namedJdbc.queryForList("select dead_letter_id from dead_letter where delivery_id in (:ids) for update",
                    parameters, String.class);
            counts[0] += namedJdbc.update("update delivery set message = '', title = null, route_url = null, "
                    + "qr_code_url = null, geo_uri = null, last_error = null where delivery_id in (:ids) "
                    + "and status in " + LEFT_OUTBOX, parameters);
            counts[1] += namedJdbc.update("delete from dead_letter where delivery_id in (select delivery_id "
                    + "from delivery where delivery_id in (:ids) and status in " + LEFT_OUTBOX + ")", parameters);
            // The loop goes on while a batch reads a full batch of rows, whether or not each was emptied.
            return ids.size();
        }));
        return counts;
    }

    /** Runs the batch until it handles fewer rows than a full batch, and returns the total. */
    private int inBatches(IntSupplier batch) {
        int total = 0;
        while (true) {
            int handled = batch.getAsInt();
            total += handled;
            if (handled < settings.batchSize()) {
                return total;
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * Counts of the rows one run removed or emptied.
     *
     * @param ranAt          the server time the run started at, from which each cutoff was counted
     * @param deleted        rows deleted, by table, for the rules that are on
     * @param emptied        rows whose personal columns were emptied, by table, for the rules that are on
     * @param profilesErased profiles erased for inactivity, as {@code DELETE /api/v1/customers/{id}} erases them
     */
    public record RetentionRun(Instant ranAt, Map<String, Integer> deleted, Map<String, Integer> emptied,
                               int profilesErased) {
    }
}
