package io.solomo.decision.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** French dates and times of the {@code detailFr} of API problems. */
class FrenchDetailsTests {

    private static final Instant WITHDRAWN = Instant.parse("2027-03-01T09:05:00Z");

    @Test
    void dateTimeNamesUtc() {
        assertThat(FrenchDetails.dateTime(WITHDRAWN, ZoneOffset.UTC))
                .isEqualTo("1er mars 2027 à 9\u00A0h\u00A005 (UTC)");
    }

    @Test
    void dateTimeNamesRegion() {
        assertThat(FrenchDetails.dateTime(WITHDRAWN, ZoneId.of("Europe/Paris")))
                .isEqualTo("1er mars 2027 à 10\u00A0h\u00A005 (Europe/Paris)");
    }
}
