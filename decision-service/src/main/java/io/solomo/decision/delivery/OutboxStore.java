package io.solomo.decision.delivery;

import io.solomo.decision.SettingChecks;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox rows as the dispatcher claims and updates them. A node claims due rows by marking them with a token of
 * its claim and a lease, with an {@code UPDATE} that only takes rows without a current lease, so that concurrent
 * nodes take disjoint rows. A row whose lease ran out, because its node stopped mid-dispatch, is claimed again. It keeps its
 * delivery id, which providers receive as the idempotency key.
 *
 * <p>Every outcome update names the claim that took the row, so a node whose lease was taken over cannot overwrite
 * the result of the claim that took it.
 */
@Component
class OutboxStore {

    private static final RowMapper<OutboundMessage> MESSAGE = (row, index) -> new OutboundMessage(
            row.getString("delivery_id"), row.getString("decision_id"), row.getString("customer_id"),
            row.getString("offer_id"), row.getString("store_id"), Channel.valueOf(row.getString("channel")),
            Language.fromCode(row.getString("language")), row.getString("title"), row.getString("message"),
            row.getString("coupon_code"), row.getString("qr_code_url"), row.getString("route_url"),
            row.getString("geo_uri"), row.getInt("attempts"), row.getString("claimed_by"));

    /** The statuses of rows that are sent when due, in the order a claim takes them. */
    private static final List<String> CLAIMED_STATUSES = List.of("FAILED", "QUEUED");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration lease;
    private final String nodeId = UUID.randomUUID().toString();
    private final AtomicLong claims = new AtomicLong();
    private final boolean postgres;

    OutboxStore(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
                @Value("${solomo.delivery.claim-lease:PT60S}") Duration lease) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.lease = SettingChecks.positive("solomo.delivery.claim-lease", lease);
        this.postgres = "PostgreSQL".equals(jdbc.execute(
                (ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
    }

    /**
     * Claims up to {@code max} due deliveries for this node and returns them: due retries ({@code FAILED}) first,
     * then queued deliveries, each status oldest first. A row is due when its {@code next_attempt_at} has passed and
     * no other claim holds a lease on it.
     *
     * <p>One statement per status claims the rows and returns them as they are after the claim, reading index
     * {@code ix_delivery_due} in its order, so a claim reads about as many rows as it takes, whatever the backlog.
     * On PostgreSQL the rows are picked with {@code FOR UPDATE SKIP LOCKED}, so concurrent nodes take disjoint rows
     * without waiting for each other. H2 (2.4) locks every row that meets the condition of a
     * {@code SELECT ... FOR UPDATE} before the limit applies, so there an {@code UPDATE ... FETCH FIRST} claims the
     * rows: it waits for a row that a concurrent claim holds, then checks the condition again and leaves the row out.
     */
    List<OutboundMessage> claimDue(int max) {
        String claim = nodeId + "/" + claims.incrementAndGet();
        List<OutboundMessage> claimed = new ArrayList<>();
        for (String status : CLAIMED_STATUSES) {
            if (claimed.size() < max) {
                claimed.addAll(claim(status, claim, max - claimed.size()));
            }
        }
        return claimed;
    }

    private List<OutboundMessage> claim(String status, String claim, int max) {
        Instant now = clock.instant();
        if (postgres) {
            return jdbc.query("""
                    update delivery set claimed_by = ?, claimed_until = ?
                    where delivery_id in (
                        select delivery_id from delivery
                        where status = ? and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)
                        order by status, next_attempt_at, delivery_id
                        fetch first ? rows only
                        for update skip locked)
                    returning *""", MESSAGE, claim, SqlTime.of(now.plus(lease)), status, SqlTime.of(now),
                    SqlTime.of(now), max);
        }
        return jdbc.query("""
                select * from final table (
                    update delivery set claimed_by = ?, claimed_until = ?
                    where status = ? and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)
                    fetch first ? rows only)""", MESSAGE, claim, SqlTime.of(now.plus(lease)), status,
                SqlTime.of(now), SqlTime.of(now), max);
    }

    /**
     * Records that the providers accepted these messages, in one JDBC batch and one transaction. A row whose claim
     * was taken over is left as the newer claim records it.
     */
    void markSent(List<Sent> sent) {
        if (sent.isEmpty()) {
            return;
        }
        OffsetDateTime now = SqlTime.of(clock.instant());
        transaction.executeWithoutResult(status -> jdbc.batchUpdate("""
                update delivery set status = 'SENT', attempts = attempts + 1, provider_message_id = ?,
                    last_error = null, claimed_by = null, claimed_until = null, updated_at = ?
                where delivery_id = ? and claimed_by = ?""",
                sent.stream().map(row -> new Object[] {row.providerMessageId(), now, row.message().deliveryId(),
                        row.message().claim()}).toList()));
    }

    /** A message that its provider accepted, with the id the provider gave it (null for none). */
    record Sent(OutboundMessage message, String providerMessageId) {
    }

    /** Records a failed attempt and when to try again. */
    void scheduleRetry(OutboundMessage message, String reason, Instant nextAttemptAt) {
        jdbc.update("""
                update delivery set status = 'FAILED', attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                    claimed_by = null, claimed_until = null, updated_at = ?
                where delivery_id = ? and claimed_by = ?""",
                truncate(reason), SqlTime.of(nextAttemptAt), SqlTime.of(clock.instant()), message.deliveryId(),
                message.claim());
    }

    /** Puts the delivery off without counting an attempt, for example until quiet hours end. */
    void defer(OutboundMessage message, Instant until) {
        jdbc.update("""
                update delivery set next_attempt_at = ?, claimed_by = null, claimed_until = null, updated_at = ?
                where delivery_id = ? and claimed_by = ?""",
                SqlTime.of(until), SqlTime.of(clock.instant()), message.deliveryId(), message.claim());
    }

    /** Ends the delivery without sending it, with the reason. */
    void suppress(OutboundMessage message, String reason) {
        jdbc.update("""
                update delivery set status = 'SUPPRESSED', last_error = ?, claimed_by = null, claimed_until = null,
                    updated_at = ?
                where delivery_id = ? and claimed_by = ?""",
                truncate(reason), SqlTime.of(clock.instant()), message.deliveryId(), message.claim());
    }

    /**
     * Marks the delivery dead and stores the message as it was to be sent, with the reason, in one transaction.
     *
     * @param originalMessage the message in JSON as the sender read it, kept in the database for operators. The
     *                        dead-letter API does not return it, and a replay sends the delivery row again.
     */
    void markDead(OutboundMessage message, String reason, String originalMessage) {
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            int updated = jdbc.update("""
                    update delivery set status = 'DEAD', attempts = attempts + 1, last_error = ?, claimed_by = null,
                        claimed_until = null, updated_at = ?
                    where delivery_id = ? and claimed_by = ?""",
                    truncate(reason), SqlTime.of(now), message.deliveryId(), message.claim());
            if (updated == 1) {
                jdbc.update("""
                        insert into dead_letter (dead_letter_id, delivery_id, channel, original_message, reason,
                            attempts, failed_at)
                        values (?, ?, ?, ?, ?, ?, ?)""",
                        UUID.randomUUID().toString(), message.deliveryId(), message.channel().name(),
                        originalMessage, truncate(reason), message.attempts() + 1, SqlTime.of(now));
            }
        });
    }

    private static String truncate(String reason) {
        String text = reason == null ? "unknown failure" : reason;
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
