package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendTimePolicyTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final SendTimePolicy.QuietHours NIGHT = SendTimePolicy.QuietHours.parse("21:00-08:00");

    @Test
    void suppressionReasonNamesConsentHistory() {
        assertThat(SendTimePolicy.consentNotGranted(Channel.EMAIL, null))
                .isEqualTo("marketing consent for EMAIL is not granted: the customer never gave it");
        assertThat(SendTimePolicy.consentNotGranted(Channel.SMS, "WITHDRAWN"))
                .isEqualTo("marketing consent for SMS is not granted: the customer withdrew it");
        assertThat(SendTimePolicy.consentNotGranted(Channel.PUSH, "DENIED"))
                .isEqualTo("marketing consent for PUSH is not granted: the customer refused it");
    }

    @Test
    void expiredCouponIsNotSent() {
        Instant expiry = ZonedDateTime.of(2026, 12, 5, 7, 0, 0, 0, PARIS).toInstant();

        assertThat(SendTimePolicy.couponExpired("C-1", expiry, expiry.minusSeconds(1))).isNull();
        assertThat(SendTimePolicy.couponExpired("C-1", expiry, expiry))
                .isEqualTo("coupon C-1 expires at 2026-12-05T06:00:00Z, before the delivery could be sent at "
                        + "2026-12-05T06:00:00Z");
        assertThat(SendTimePolicy.couponExpired(null, null, expiry)).isNull();
    }

    @Test
    void lateEveningWaitsForNextMorning() {
        Instant end = NIGHT.endIfInside(ZonedDateTime.of(2026, 12, 4, 22, 30, 0, 0, PARIS));

        assertThat(end).isEqualTo(ZonedDateTime.of(2026, 12, 5, 8, 0, 0, 0, PARIS).toInstant());
    }

    @Test
    void earlyMorningWaitsUntilEightTheSameDay() {
        Instant end = NIGHT.endIfInside(ZonedDateTime.of(2026, 12, 5, 6, 15, 0, 0, PARIS));

        assertThat(end).isEqualTo(ZonedDateTime.of(2026, 12, 5, 8, 0, 0, 0, PARIS).toInstant());
    }

    @Test
    void daytimeIsOutsideQuietHours() {
        assertThat(NIGHT.endIfInside(ZonedDateTime.of(2026, 12, 5, 8, 0, 0, 0, PARIS))).isNull();
        assertThat(NIGHT.endIfInside(ZonedDateTime.of(2026, 12, 5, 20, 59, 0, 0, PARIS))).isNull();
    }

    @Test
    void spanWithinOneDayIsSupported() {
        SendTimePolicy.QuietHours lunch = SendTimePolicy.QuietHours.parse("12:00-14:00");

        assertThat(lunch.endIfInside(ZonedDateTime.of(2026, 12, 5, 13, 0, 0, 0, PARIS)))
                .isEqualTo(ZonedDateTime.of(2026, 12, 5, 14, 0, 0, 0, PARIS).toInstant());
        assertThat(lunch.endIfInside(ZonedDateTime.of(2026, 12, 5, 22, 0, 0, 0, PARIS))).isNull();
    }

    @Test
    void customerQuietHoursAddToTheBrands() {
        SendTimePolicy.QuietHours lateRiser = SendTimePolicy.QuietHours.parse("07:30-09:00");
        ZonedDateTime quarterToEight = ZonedDateTime.of(2026, 12, 5, 7, 45, 0, 0, PARIS);
        ZonedDateTime halfPastEight = ZonedDateTime.of(2026, 12, 5, 8, 30, 0, 0, PARIS);
        Instant nine = ZonedDateTime.of(2026, 12, 5, 9, 0, 0, 0, PARIS).toInstant();

        assertThat(SendTimePolicy.quietUntil(NIGHT, lateRiser, quarterToEight)).isEqualTo(nine);
        assertThat(SendTimePolicy.quietUntil(NIGHT, lateRiser, halfPastEight)).isEqualTo(nine);
        assertThat(SendTimePolicy.quietUntil(null, lateRiser, halfPastEight)).isEqualTo(nine);
        assertThat(SendTimePolicy.quietUntil(NIGHT, null, halfPastEight)).isNull();
        assertThat(SendTimePolicy.quietUntil(null, null, quarterToEight)).isNull();
    }

    @Test
    void brandQuietHoursEndingLaterWin() {
        SendTimePolicy.QuietHours earlyEvening = SendTimePolicy.QuietHours.parse("20:00-23:00");

        assertThat(SendTimePolicy.quietUntil(NIGHT, earlyEvening, ZonedDateTime.of(2026, 12, 5, 22, 0, 0, 0, PARIS)))
                .isEqualTo(ZonedDateTime.of(2026, 12, 6, 8, 0, 0, 0, PARIS).toInstant());
    }

    @Test
    void settingIsParsedOrRejected() {
        assertThat(SendTimePolicy.QuietHours.parse(" ")).isNull();
        assertThatThrownBy(() -> SendTimePolicy.QuietHours.parse("night"))
                .hasMessageContaining("HH:mm-HH:mm");
    }
}
