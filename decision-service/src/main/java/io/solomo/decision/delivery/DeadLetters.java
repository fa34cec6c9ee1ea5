package io.solomo.decision.delivery;

import io.solomo.decision.profile.IdentityType;
import io.solomo.model.Channel;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The dead-letter store: deliveries that failed for good, listed newest first and replayed on request. */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** Each dead letter with its delivery, which stores the customer, the offer and the wording. */
    private static final String SELECT = """
            select l.dead_letter_id, l.delivery_id, l.channel, l.reason, l.attempts, l.failed_at, l.replayed_at,
                d.customer_id, d.offer_id, d.store_id, d.title, d.message
            from dead_letter l left join delivery d on d.delivery_id = l.delivery_id""";

    private final JdbcTemplate jdbc;
    private final RecipientAddresses addresses;
    private final DeviceTokens devices;
    private final Clock clock;

    DeadLetters(JdbcTemplate jdbc, RecipientAddresses addresses, DeviceTokens devices, Clock clock) {
        this.jdbc = jdbc;
        this.addresses = addresses;
        this.devices = devices;
        this.clock = clock;
    }

    /** Returns up to {@code limit} dead letters, newest first; {@code pendingOnly} leaves out replayed ones. */
    List<DeadLetter> list(boolean pendingOnly, int limit) {
        return withRecipients(jdbc.query(SELECT + (pendingOnly ? " where l.replayed_at is null" : "")
                + " order by l.failed_at desc fetch first ? rows only", DeadLetters::map, limit));
    }

    Optional<DeadLetter> find(String deadLetterId) {
        return withRecipients(jdbc.query(SELECT + " where l.dead_letter_id = ?", DeadLetters::map, deadLetterId))
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

    /**
     * Fills in where a replay would send each letter, with one query per kind of address: the customer's phone
     * number or email address as the SMS and email senders pick it, or the installation id of each push device.
     */
    private List<DeadLetter> withRecipients(List<DeadLetter> letters) {
        Set<String> customerIds = letters.stream().map(DeadLetter::customerId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, String> phones = addresses.firstOf(customerIds, IdentityType.PHONE);
        Map<String, String> emails = addresses.firstOf(customerIds, IdentityType.EMAIL);
        Map<String, List<DeviceTokens.Device>> pushDevices = letters.stream()
                .anyMatch(letter -> letter.channel() == Channel.PUSH) ? devices.of(customerIds) : Map.of();

        List<DeadLetter> filled = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            List<String> recipients = switch (letter.channel()) {
                case SMS -> Optional.ofNullable(phones.get(letter.customerId())).stream().toList();
                case EMAIL -> Optional.ofNullable(emails.get(letter.customerId())).stream().toList();
                case PUSH -> pushDevices.getOrDefault(letter.customerId(), List.of()).stream()
                        .map(DeviceTokens.Device::installationId).toList();
                case WEBHOOK, IN_APP -> List.of();
            };
            filled.add(letter.withRecipients(recipients));
        }
        return filled;
    }

    private static DeadLetter map(ResultSet row, int index) throws SQLException {
        OffsetDateTime replayedAt = row.getObject("replayed_at", OffsetDateTime.class);
        return new DeadLetter(row.getString("dead_letter_id"), row.getString("delivery_id"),
                Channel.valueOf(row.getString("channel")), row.getString("customer_id"), List.of(),
                row.getString("offer_id"), row.getString("store_id"), row.getString("title"),
                row.getString("message"), row.getString("reason"), row.getInt("attempts"),
                row.getObject("failed_at", OffsetDateTime.class).toInstant(), replayedAt != null,
                replayedAt == null ? null : replayedAt.toInstant());
    }

    /**
     * A delivery that failed for good, as the person who decides whether to replay it reads it. The outbox
     * internals (the claim, the retry schedule, the message as serialised for the sender) stay in the database.
     *
     * @param customerId the customer's current id, which follows merges
     * @param recipients where a replay sends the message now: the customer's phone number (SMS) or email address
     *                   (EMAIL), or the installation id of each registered push device (PUSH). The list is empty
     *                   for webhooks, the in-app inbox and a customer with no address left.
     * @param title      the push title or email subject, or null for channels without one
     * @param body       the channel's wording of the offer as it was to be sent
     * @param reason     the failure as the provider reported it, such as its status and response body
     * @param attempts   the sending attempts made before the delivery was given up
     * @param replayedAt when it was put back in the outbox, or null
     */
    record DeadLetter(String deadLetterId, String deliveryId, Channel channel, String customerId,
                      List<String> recipients, String offerId, String storeId, String title, String body,
                      String reason, int attempts, Instant failedAt, boolean replayed, Instant replayedAt) {

        DeadLetter withRecipients(List<String> addresses) {
            return new DeadLetter(deadLetterId, deliveryId, channel, customerId, addresses, offerId, storeId, title,
                    body, reason, attempts, failedAt, replayed, replayedAt);
        }
    }
}
