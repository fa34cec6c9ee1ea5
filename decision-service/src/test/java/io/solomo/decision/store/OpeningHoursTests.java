package io.solomo.decision.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OpenStreetMap opening_hours subset: days, hour ranges, several ranges a day, overrides, midnight. */
class OpeningHoursTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest
    @CsvSource({
            // 2026-12-07 is a Monday.
            "'Mo-Fr 08:30-12:00,14:00-19:00; Sa 09:00-12:00', 2026-12-07T10:00, true",
            "'Mo-Fr 08:30-12:00,14:00-19:00; Sa 09:00-12:00', 2026-12-07T13:00, false",
            "'Mo-Fr 08:30-12:00,14:00-19:00; Sa 09:00-12:00', 2026-12-07T18:59, true",
            "'Mo-Fr 08:30-12:00,14:00-19:00; Sa 09:00-12:00', 2026-12-07T19:00, false",
            "'Mo-Fr 08:30-12:00,14:00-19:00; Sa 09:00-12:00', 2026-12-12T11:00, true",
            "'Mo-Fr 08:30-12:00,14:00-19:00; Sa 09:00-12:00', 2026-12-13T11:00, false",
            "'Mo-Sa 09:00-20:00; We off', 2026-12-09T10:00, false",
            "'Mo-Sa 09:00-20:00; We off', 2026-12-10T10:00, true",
            "'Mo,We,Fr 10:00-18:00', 2026-12-08T11:00, false",
            "'Mo,We,Fr 10:00-18:00', 2026-12-11T11:00, true",
            "'Fr-Sa 22:00-02:00', 2026-12-12T01:30, true",
            "'Fr-Sa 22:00-02:00', 2026-12-13T01:30, true",
            "'Fr-Sa 22:00-02:00', 2026-12-14T01:30, false",
            "'Sa-Mo 10:00-12:00', 2026-12-13T11:00, true",
            "'Sa-Mo 10:00-12:00', 2026-12-08T11:00, false",
            "'24/7', 2026-12-08T03:00, true",
            "'08:00-20:00', 2026-12-13T09:00, true",
            "'Mo-Su 07:00-24:00', 2026-12-13T23:59, true"
    })
    void openAtLocalTime(String hours, String localTime, boolean open) {
        OpeningHours parsed = OpeningHours.parse(hours);

        boolean result = parsed.isOpenAt(ZonedDateTime.of(LocalDateTime.parse(localTime), PARIS));

        assertThat(result).as("%s at %s", hours, localTime).isEqualTo(open);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Mo-Fr 8h-12h", "Xx 10:00-12:00", "PH off", "Mo-Fr 25:00-26:00", "Jan-Mar 10:00-12:00"})
    void unsupportedSyntaxIsRejected(String hours) {
        assertThatThrownBy(() -> OpeningHours.parse(hours)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storeWithoutHoursHasUnknownOpenNow() {
        Store store = Store.withCircle("s", null, null, 48.85, 2.35, 50, PARIS, java.time.Instant.EPOCH);

        assertThat(store.openAt(java.time.Instant.parse("2026-12-07T10:00:00Z"))).isNull();
        assertThat(store.withOpeningHours("Mo-Fr 09:00-18:00").openAt(java.time.Instant.parse("2026-12-07T10:00:00Z")))
                .isTrue();
    }
}
