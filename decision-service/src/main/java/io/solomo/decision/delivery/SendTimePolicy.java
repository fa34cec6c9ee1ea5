package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a delivery again just before it is sent, because consent and the hour may have changed since the
 * decision: a channel without granted consent is not used, and push and SMS wait for the end of the
 * brand's quiet hours and of the customer's own, both read in the customer's time zone. Email, webhooks and the
 * in-app inbox do not interrupt, so quiet hours do not apply to them. Webhooks and the inbox need no channel
 * consent, since the partner system and the app decide what to show.
 */
@Component
class SendTimePolicy {

    private static final Set<Channel> INTERRUPTING = EnumSet.of(Channel.PUSH, Channel.SMS);
    private static final Set<Channel> NEEDS_CONSENT = EnumSet.of(Channel.PUSH, Channel.SMS, Channel.EMAIL);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final QuietHours quietHours;

    /** Reads the same quiet hours as the contact policy, so that decision and send time agree. */
    SendTimePolicy(JdbcTemplate jdbc, Clock clock,
                   @Value("${solomo.policy.quiet-hours-start:}") String quietHoursStart,
                   @Value("${solomo.policy.quiet-hours-end:}") String quietHoursEnd) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.quietHours = quietHoursStart.isBlank() || quietHoursEnd.isBlank() ? null
                : QuietHours.parse(quietHoursStart.trim() + "-" + quietHoursEnd.trim());
    }

    /**
     * Checks every message of a claimed batch and returns the verdicts by delivery id. Reads the customers and their
     * consents with one query each for the whole batch, so a consent withdrawn while the batch is being sent applies
     * from the next batch on.
     */
    Map<String, Verdict> check(List<OutboundMessage> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        List<String> customerIds = messages.stream().map(OutboundMessage::customerId).distinct().toList();
        String placeholders = String.join(", ", Collections.nCopies(customerIds.size(), "?"));
        Map<String, LocalClock> clocks = new HashMap<>();
        jdbc.query("select customer_id, time_zone, quiet_hours_start, quiet_hours_end from customer "
                        + "where customer_id in (" + placeholders + ")",
                (RowCallbackHandler) row -> clocks.put(row.getString("customer_id"), LocalClock.of(
                        row.getString("time_zone"), row.getObject("quiet_hours_start", LocalTime.class),
                        row.getObject("quiet_hours_end", LocalTime.class))), customerIds.toArray());
        Map<String, String> latestConsents = new HashMap<>();
        jdbc.query("select customer_id, channel, status from consent where purpose = 'MARKETING' and customer_id in ("
                        + placeholders + ") order by recorded_at desc, id desc",
                (RowCallbackHandler) row -> latestConsents.putIfAbsent(
                        row.getString("customer_id") + "/" + row.getString("channel"), row.getString("status")),
                customerIds.toArray());

        Instant now = clock.instant();
        Map<String, Verdict> verdicts = new HashMap<>();
        for (OutboundMessage message : messages) {
            verdicts.put(message.deliveryId(), verdict(message, clocks.get(message.customerId()),
                    latestConsents.get(message.customerId() + "/" + message.channel().name()), now));
        }
        return verdicts;
    }

    private Verdict verdict(OutboundMessage message, LocalClock customer, String consentStatus, Instant now) {
        if (customer == null) {
            return Verdict.suppress("customer " + message.customerId() + " no longer exists");
        }
        if (NEEDS_CONSENT.contains(message.channel()) && !"GRANTED".equals(consentStatus)) {
            return Verdict.suppress(consentNotGranted(message.channel(), consentStatus));
        }
        String expired = couponExpired(message.couponCode(), message.couponExpiresAt(), now);
        if (expired != null) {
            return Verdict.suppress(expired);
        }
        if (INTERRUPTING.contains(message.channel())) {
            Instant end = quietUntil(quietHours, customer.quietHours(), now.atZone(customer.timeZone()));
            if (end != null) {
                String expiredByThen = couponExpired(message.couponCode(), message.couponExpiresAt(), end);
                return expiredByThen == null ? Verdict.deferUntil(end)
                        : Verdict.suppress(expiredByThen + ", when quiet hours end");
            }
        }
        return Verdict.SEND;
    }

    /**
     * Returns why a message cannot go out at {@code sendAt} because its coupon has expired by then, or null when it
     * has no coupon or the coupon is still valid. A message that offers an expired coupon would only disappoint.
     */
    static String couponExpired(String couponCode, Instant expiresAt, Instant sendAt) {
        if (expiresAt == null || sendAt.isBefore(expiresAt)) {
            return null;
        }
        return "coupon " + couponCode + " expires at " + expiresAt + ", before the delivery could be sent at "
                + sendAt;
    }

    /**
     * Returns why a delivery is suppressed for lack of consent. {@code consentStatus} is the latest marketing consent
     * status recorded for the channel, or null when none was ever recorded.
     */
    static String consentNotGranted(Channel channel, String consentStatus) {
        String reason = "marketing consent for " + channel + " is not granted: ";
        if (consentStatus == null) {
            return reason + "the customer never gave it";
        }
        return reason + switch (consentStatus) {
            case "WITHDRAWN" -> "the customer withdrew it";
            case "DENIED" -> "the customer refused it";
            default -> "its latest status is " + consentStatus;
        };
    }

    /**
     * Returns when push and SMS may go out again, or null when {@code local} is outside both the brand's quiet hours
     * and the customer's own (either may be null for none). Inside both, the later end wins.
     */
    static Instant quietUntil(QuietHours brand, QuietHours own, ZonedDateTime local) {
        Instant brandEnd = brand == null ? null : brand.endIfInside(local);
        Instant ownEnd = own == null ? null : own.endIfInside(local);
        if (brandEnd == null) {
            return ownEnd;
        }
        return ownEnd != null && ownEnd.isAfter(brandEnd) ? ownEnd : brandEnd;
    }

    /** A customer's time zone and own quiet hours (null for none), as stored in the profile. */
    private record LocalClock(ZoneId timeZone, QuietHours quietHours) {

        static LocalClock of(String timeZone, LocalTime quietHoursStart, LocalTime quietHoursEnd) {
            return new LocalClock(ZoneId.of(timeZone), quietHoursStart == null || quietHoursEnd == null ? null
                    : new QuietHours(quietHoursStart, quietHoursEnd));
        }
    }

    /** The outcome of the check: send now, put off until {@code until}, or drop for {@code reason}. */
    record Verdict(Instant until, String reason) {

        static final Verdict SEND = new Verdict(null, null);

        static Verdict deferUntil(Instant until) {
            return new Verdict(until, null);
        }

        static Verdict suppress(String reason) {
            return new Verdict(null, reason);
        }
    }

    /**
     * A daily span of local time without push or SMS, for example {@code 21:00-08:00}; the span may
     * cross midnight.
     */
    record QuietHours(LocalTime start, LocalTime end) {

        /** Parses {@code HH:mm-HH:mm}, or returns null for a blank value (no quiet hours). */
        static QuietHours parse(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String[] bounds = value.trim().split("-");
            if (bounds.length != 2) {
                throw new IllegalStateException("quiet hours must read HH:mm-HH:mm (solomo.policy.quiet-hours-start and -end), got " + value);
            }
            return new QuietHours(LocalTime.parse(bounds[0].trim()), LocalTime.parse(bounds[1].trim()));
        }

        /** Returns the instant the quiet hours around {@code local} end, or null when {@code local} is outside. */
        Instant endIfInside(ZonedDateTime local) {
            LocalTime time = local.toLocalTime();
            boolean crossesMidnight = start.isAfter(end);
            boolean inside = crossesMidnight
                    ? !time.isBefore(start) || time.isBefore(end)
                    : !time.isBefore(start) && time.isBefore(end);
            if (!inside) {
                return null;
            }
            ZonedDateTime endToday = local.with(end).withSecond(0).withNano(0);
            return (endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant();
        }
    }
}
