package io.solomo.decision.delivery;

import io.solomo.model.Language;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validity line of a coupon as a delivery shows it: "valid until 12 December 2026", "valable jusqu'au
 * 1er décembre 2026". The date is in the customer's time zone, for a store's offer too, because the customer reads
 * it on their own phone or mailbox, which show that zone.
 *
 * <p>A coupon is valid until {@code coupon.expires_at}, exclusive, which usually falls in the middle of a day. The
 * line names the last day on which the coupon is valid until midnight, so that the customer can use it all that day.
 * A coupon whose last such day is the day the line is written says "today" and its closing time instead: "valid
 * today until 23:59", "valable aujourd'hui jusqu'à 23 h 59" for one that ends at midnight. A coupon that ends
 * before the end of that day gets its own time: "valid today until 18:00".
 */
@Component
class CouponValidity {

    private static final DateTimeFormatter FRENCH_MONTH_AND_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy",
            Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter FRENCH_TIME = DateTimeFormatter.ofPattern("H' h 'mm", Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CouponValidity(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns the messages with the expiry and validity line of their coupon, read with one query for them all. */
    List<OutboundMessage> fillIn(List<OutboundMessage> messages) {
        Map<String, ZonedDateTime> expiries = expiries(messages.stream()
                .filter(message -> message.couponCode() != null).map(OutboundMessage::deliveryId).toList());
        Instant now = clock.instant();
        return messages.stream().map(message -> {
            ZonedDateTime expiry = expiries.get(message.deliveryId());
            return expiry == null ? message
                    : message.withCouponExpiry(expiry.toInstant(), line(expiry, message.language(), now));
        }).toList();
    }

    /** Returns the validity line of a coupon expiring at {@code expiry}, written now. */
    String line(ZonedDateTime expiry, Language language) {
        return line(expiry, language, clock.instant());
    }

    /**
     * Returns the expiry of each delivery's coupon in the time zone of the delivery's customer, by delivery id. A
     * delivery without a coupon or whose customer no longer exists is left out.
     */
    Map<String, ZonedDateTime> expiries(Collection<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        Map<String, ZonedDateTime> expiries = new HashMap<>();
        jdbc.query("""
                select d.delivery_id, c.expires_at, cu.time_zone from delivery d
                join coupon c on c.code = d.coupon_code
                join customer cu on cu.customer_id = d.customer_id
                where d.delivery_id in (""" + String.join(", ", Collections.nCopies(deliveryIds.size(), "?")) + ")",
                (RowCallbackHandler) row -> expiries.put(row.getString("delivery_id"),
                        row.getObject("expires_at", OffsetDateTime.class).atZoneSameInstant(
                                ZoneId.of(row.getString("time_zone")))),
                deliveryIds.toArray());
        return expiries;
    }

    /**
     * Returns the validity line of a coupon expiring at {@code expiry}, in the expiry's time zone: the last day valid
     * until midnight, or "today" with the closing time when that day, or the expiry itself, is the day of
     * {@code now}.
     */
    static String line(ZonedDateTime expiry, Language language, Instant now) {
        LocalDate lastWholeDay = expiry.toLocalDate().minusDays(1);
        LocalDate today = LocalDate.ofInstant(now, expiry.getZone());
        boolean french = language == Language.FR;
        if (lastWholeDay.isAfter(today)) {
            return french ? "valable jusqu'au " + frenchDate(lastWholeDay)
                    : "valid until " + ENGLISH_DATE.format(lastWholeDay);
        }
        if (lastWholeDay.equals(today)) {
            // The coupon is valid until midnight at least. One that ends later, on the next morning, is worded
            // as ending at midnight too, like the dates above.
            return today(LocalTime.of(23, 59), french);
        }
        if (expiry.toLocalDate().equals(today)) {
            return today(expiry.toLocalTime(), french);
        }
        // The coupon has expired: the send-time policy suppresses such a delivery, but the inbox still lists it.
        return french ? "valable jusqu'au " + frenchDate(expiry.toLocalDate()) + " à " + FRENCH_TIME.format(expiry)
                : "valid until " + ENGLISH_DATE.format(expiry) + " at " + ENGLISH_TIME.format(expiry);
    }

    /** Returns the line of a coupon that ends today at {@code closing}, local time. */
    // NOTE: an email is written once, when sent, so one opened on a later day still reads "today".
    private static String today(LocalTime closing, boolean french) {
        return french ? "valable aujourd'hui jusqu'à " + FRENCH_TIME.format(closing)
                : "valid today until " + ENGLISH_TIME.format(closing);
    }

    /** Returns a date as French writes it, with the first day of a month as an ordinal: "1er mai 2026", "2 mai 2026". */
    private static String frenchDate(LocalDate date) {
        String day = date.getDayOfMonth() == 1 ? "1er" : Integer.toString(date.getDayOfMonth());
        return day + " " + FRENCH_MONTH_AND_YEAR.format(date);
    }
}
