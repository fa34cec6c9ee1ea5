package io.solomo.decision.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The dead-letter store: deliveries that failed for good, listed newest first and replayed on request. */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeadLetters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns up to {@code limit} dead letters, newest first; {@code pendingOnly} leaves out replayed ones. */
    List<DeadLetter> list(boolean pendingOnly, int limit) {
        return jdbc.query("select * from dead_letter" + (pendingOnly ? " where replayed_at is null" : "")
                + " order by failed_at desc fetch first ? rows only", DeadLetters::map, limit);
    }

    Optional<DeadLetter> find(String deadLetterId) {
        return jdbc.query("select * from dead_letter where dead_letter_id = ?", DeadLetters::map, deadLetterId)
                .stream().findFirst();
    }

    /**
     * Puts the delivery back in the outbox with a fresh attempt count, and marks the dead letter replayed. Returns
     * false when it was replayed already; the delivery keeps its id, so providers still see one message.
     */
    @Transactional
    boolean replay(String deadLetterId) {
        Instant now = clock.instant();
        List<String> deliveryIds = jdbc.queryForList("select delivery_id from dead_letter where dead_letter_id = ? "
                + "and replayed_at is null for update", String.class, deadLetterId);
        if (deliveryIds.isEmpty()) {
            return false;
        }
        jdbc.update("update dead_letter set replayed_at = ? where dead_letter_id = ?", SqlTime.of(now), deadLetterId);
        jdbc.update("""
                update delivery set status = 'QUEUED', attempts = 0, next_attempt_at = ?, last_error = null,
                    claimed_by = null, claimed_until = null, updated_at = ?
                where delivery_id = ? and status = 'DEAD'""", SqlTime.of(now), SqlTime.of(now), deliveryIds.get(0));
        log.info("Dead letter {} replayed: delivery {} is queued again", deadLetterId, deliveryIds.get(0));
        return true;
    }

    private static DeadLetter map(ResultSet row, int index) throws SQLException {
        OffsetDateTime replayedAt = row.getObject("replayed_at", OffsetDateTime.class);
        return new DeadLetter(row.getString("dead_letter_id"), row.getString("delivery_id"),
                row.getString("channel"), row.getString("original_message"), row.getString("reason"),
                row.getInt("attempts"), row.getObject("failed_at", OffsetDateTime.class).toInstant(),
                replayedAt == null ? null : replayedAt.toInstant());
    }

    /**
     * A delivery that failed for good.
     *
     * @param originalMessage the message as it was to be sent, in JSON
     * @param replayedAt      when it was put back in the outbox, or null
     */
    record DeadLetter(String deadLetterId, String deliveryId, String channel, String originalMessage, String reason,
                      int attempts, Instant failedAt, Instant replayedAt) {
    }
}
