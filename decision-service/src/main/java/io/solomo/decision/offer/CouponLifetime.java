package io.solomo.decision.offer;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * How long the coupons of one offer stay valid: a fixed duration from the contact, or until the end of the contact's
 * local day. Column {@code offer.coupon_validity} stores it as a positive ISO-8601 duration ({@code PT2H},
 * {@code P7D}) or as {@value #END_OF_DAY_TEXT}.
 *
 * <p>A coupon is valid until its expiry, exclusive, so the end of a day is the start of the next local day:
 * 00:00 on 5 December in Paris is 23:00 UTC on 4 December. The start of the next day is used rather than
 * 23:59:59.999 because the database keeps timestamps to the microsecond and could round the latter up or down.
 */
public final class CouponLifetime {

    /** The stored text of a lifetime that ends with the contact's local day. */
    public static final String END_OF_DAY_TEXT = "end-of-day";

    /** The length of column {@code offer.coupon_validity}. */
    static final int MAX_LENGTH = 64;

    private static final CouponLifetime END_OF_DAY = new CouponLifetime(null, END_OF_DAY_TEXT);

    /** The duration from the contact, or null for the end of the contact's local day. */
    private final Duration duration;
    private final String text;

    private CouponLifetime(Duration duration, String text) {
        this.duration = duration;
        this.text = text;
    }

    /**
     * Parses a stored or requested value: a positive ISO-8601 duration in days, hours, minutes and seconds, or
     * {@value #END_OF_DAY_TEXT}. Letters may be in either case.
     *
     * @throws IllegalArgumentException naming the offer and the value when the value is neither
     */
    public static CouponLifetime parse(String offerId, String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.equalsIgnoreCase(END_OF_DAY_TEXT)) {
            return END_OF_DAY;
        }
        // Duration.parse also takes a sign, as in +PT2H or -PT-2H, which the column's check (like 'P%') rejects.
        if (trimmed.length() > MAX_LENGTH || !(trimmed.startsWith("P") || trimmed.startsWith("p"))) {
            throw invalid(offerId, value);
        }
        Duration duration;
        try {
            duration = Duration.parse(trimmed);
        } catch (DateTimeException notDuration) {
            throw invalid(offerId, value);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid(offerId, value);
        }
        return new CouponLifetime(duration, trimmed.toUpperCase(Locale.ROOT));
    }

    private static IllegalArgumentException invalid(String offerId, String value) {
        return new IllegalArgumentException("offer " + offerId + ": invalid couponValidity '" + value
                + "'. Expected a positive ISO-8601 duration such as PT2H or P7D (no months or years), or "
                + END_OF_DAY_TEXT);
    }

    /** Returns the expiry, exclusive, of a coupon issued at the contact, in the contact's time zone. */
    public Instant expiryAfter(ZonedDateTime contactTime) {
        if (duration != null) {
            return contactTime.toInstant().plus(duration);
        }
        return contactTime.toLocalDate().plusDays(1).atStartOfDay(contactTime.getZone()).toInstant();
    }

    /** Returns the text stored in {@code offer.coupon_validity}. */
    @Override
    public String toString() {
        return text;
    }
}
