package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.springframework.beans.factory.annotation.Value;
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
import java.util.stream.Collectors;

/**
 * The outbox rows as the dispatcher claims and updates them. A node claims due rows with {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * (PostgreSQL and H2 2.2+ both accept it) and marks them with its node id and a lease, so that concurrent nodes take
 * disjoint rows. A row whose lease ran out, because its node stopped mid-dispatch, is claimed again. It keeps its
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

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration lease;
    private final String nodeId = UUID.randomUUID().toString();
    private final AtomicLong claims = new AtomicLong();

    OutboxStore(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
                @Value("${solomo.delivery.claim-lease:PT60S}") Duration lease) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * Claims up to {@code max} due deliveries for this node, oldest first, and returns them. The claiming
     * {@code UPDATE} repeats the due condition, because H2 does not evaluate it again when {@code SKIP LOCKED} takes a
     * row that another claim has just committed. Only the rows this claim's token marked are returned.
     */
    List<OutboundMessage> claimDue(int max) {
        String claim = nodeId + "/" + claims.incrementAndGet();
        List<OutboundMessage> claimed = transaction.execute(status -> {
            Instant now = clock.instant();
            List<String> ids = jdbc.queryForList("""
                    select delivery_id from delivery
                    where status in ('QUEUED', 'FAILED')
                      and (next_attempt_at is null or next_attempt_at <= ?)
                      and (claimed_until is null or claimed_until < ?)
                    order by next_attempt_at, delivery_id
                    fetch first ? rows only
                    for update skip locked""", String.class, SqlTime.of(now), SqlTime.of(now), max);
            if (ids.isEmpty()) {
                return List.of();
            }
            String placeholders = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
            List<Object> arguments = new ArrayList<>(List.of(claim, SqlTime.of(now.plus(lease))));
            arguments.addAll(ids);
            arguments.add(SqlTime.of(now));
            jdbc.update("update delivery set claimed_by = ?, claimed_until = ? where delivery_id in ("
                    + placeholders + ") and status in ('QUEUED', 'FAILED') "
                    + "and (claimed_until is null or claimed_until < ?)", arguments.toArray());
            List<Object> claimedIds = new ArrayList<>(ids);
            claimedIds.add(claim);
            return jdbc.query("select * from delivery where delivery_id in (" + placeholders + ") and claimed_by = ?",
                    MESSAGE, claimedIds.toArray());
        });
        return claimed == null ? List.of() : claimed;
    }

    /**
     * Records that the providers accepted these messages, in one JDBC batch. A row whose claim was taken over is
     * left as the newer claim records it.
     */
    void markSent(List<Sent> sent) {
        if (sent.isEmpty()) {
            return;
        }
        OffsetDateTime now = SqlTime.of(clock.instant());
        jdbc.batchUpdate("""
                update delivery set status = 'SENT', attempts = attempts + 1, provider_message_id = ?,
                    last_error = null, claimed_by = null, claimed_until = null, updated_at = ?
                where delivery_id = ? and claimed_by = ?""",
                sent.stream().map(row -> new Object[] {row.providerMessageId(), now, row.message().deliveryId(),
                        row.message().claim()}).toList());
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
     * @param originalMessage the message in JSON, kept for inspection and replay
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
