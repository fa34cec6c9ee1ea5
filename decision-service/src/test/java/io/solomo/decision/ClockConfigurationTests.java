package io.solomo.decision;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClockConfigurationTests {

    @Test
    void clockTicksInMicroseconds() {
        Clock clock = new ClockConfiguration().clock();

        for (int reading = 0; reading < 10_000; reading++) {
            Instant now = clock.instant();
            assertThat(now.getNano() % 1_000).as("nanoseconds of %s", now).isZero();
        }
    }
}
