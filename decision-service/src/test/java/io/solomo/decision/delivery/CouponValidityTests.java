package io.solomo.decision.delivery;

import io.solomo.model.Language;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CouponValidityTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant SENT = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void lineNamesLastWholeDay() {
        ZonedDateTime expiry = ZonedDateTime.parse("2026-12-13T10:32:00+01:00[Europe/Paris]");

        assertThat(CouponValidity.line(expiry, Language.FR, SENT)).isEqualTo("valable jusqu'au 12 décembre 2026");
        assertThat(CouponValidity.line(expiry, Language.EN, SENT)).isEqualTo("valid until 12 December 2026");
    }

    @Test
    void expiryAtMidnightKeepsDayBefore() {
        ZonedDateTime expiry = ZonedDateTime.parse("2027-01-01T00:00:00+01:00[Europe/Paris]");

        assertThat(CouponValidity.line(expiry, Language.FR, SENT)).isEqualTo("valable jusqu'au 31 décembre 2026");
    }

    @Test
    void firstOfMonthIsOrdinalInFrench() {
        ZonedDateTime expiry = ZonedDateTime.parse("2027-02-02T08:00:00+01:00[Europe/Paris]");

        assertThat(CouponValidity.line(expiry, Language.FR, SENT)).isEqualTo("valable jusqu'au 1er février 2027");
        assertThat(CouponValidity.line(expiry, Language.EN, SENT)).isEqualTo("valid until 1 February 2027");
    }

    @Test
    void dateIsInCustomerTimeZone() {
        // 12:00 UTC on 9 December is 01:00 on 10 December in Auckland, so the last whole day there is the 9th.
        Instant expiresAt = Instant.parse("2026-12-09T12:00:00Z");

        assertThat(CouponValidity.line(expiresAt.atZone(ZoneId.of("Pacific/Auckland")), Language.FR, SENT))
                .isEqualTo("valable jusqu'au 9 décembre 2026");
        assertThat(CouponValidity.line(expiresAt.atZone(PARIS), Language.FR, SENT))
                .isEqualTo("valable jusqu'au 8 décembre 2026");
    }

    @Test
    void couponEndingTodayGivesTime() {
        ZonedDateTime expiry = ZonedDateTime.parse("2026-12-05T18:00:00+01:00[Europe/Paris]");

        assertThat(CouponValidity.line(expiry, Language.FR, SENT)).isEqualTo("valable aujourd'hui jusqu'à 18 h 00");
        assertThat(CouponValidity.line(expiry, Language.EN, SENT)).isEqualTo("valid today until 18:00");
    }

    @Test
    void midnightExpiryReadsToday() {
        // An end-of-day coupon of 5 December expires at the start of 6 December, exclusive.
        ZonedDateTime expiry = ZonedDateTime.parse("2026-12-06T00:00:00+01:00[Europe/Paris]");

        assertThat(CouponValidity.line(expiry, Language.FR, SENT)).isEqualTo("valable aujourd'hui jusqu'à 23 h 59");
        assertThat(CouponValidity.line(expiry, Language.EN, SENT)).isEqualTo("valid today until 23:59");
    }

    @Test
    void nextMorningExpiryReadsToday() {
        ZonedDateTime expiry = ZonedDateTime.parse("2026-12-06T09:00:00+01:00[Europe/Paris]");

        assertThat(CouponValidity.line(expiry, Language.FR, SENT)).isEqualTo("valable aujourd'hui jusqu'à 23 h 59");
    }

    @Test
    void parisMidnightReadInLondonGivesLondonTime() {
        // A Paris store's day ends at 23:00 in London, where the customer reads the line.
        ZonedDateTime expiry = Instant.parse("2026-12-05T23:00:00Z").atZone(ZoneId.of("Europe/London"));

        assertThat(CouponValidity.line(expiry, Language.EN, SENT)).isEqualTo("valid today until 23:00");
    }

    @Test
    void expiredCouponKeepsDateAndTime() {
        ZonedDateTime expiry = ZonedDateTime.parse("2026-12-04T18:00:00+01:00[Europe/Paris]");

        assertThat(CouponValidity.line(expiry, Language.FR, SENT))
                .isEqualTo("valable jusqu'au 4 décembre 2026 à 18 h 00");
        assertThat(CouponValidity.line(expiry, Language.EN, SENT)).isEqualTo("valid until 4 December 2026 at 18:00");
    }
}
