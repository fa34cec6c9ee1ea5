package io.solomo.decision.delivery;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** When the dispatcher tries a failed delivery again: backoff, Retry-After and their cap. */
class RetryScheduleTests {

    private static final Instant NOW = Instant.parse("2026-12-05T19:00:00Z");

    /** A dispatcher with the default retry settings, 5 s doubling up to 1 h. nextAttempt reads no other field. */
    private final DeliveryDispatchRoutes dispatcher = new DeliveryDispatchRoutes(null, null, null, null, null, null,
            null, null, null, Clock.fixed(NOW, ZoneOffset.UTC), 500, 16, 8, Duration.ofSeconds(5), Duration.ofHours(1),
            100, 1000);

    @Test
    void backoffDoublesUpToMax() {
        assertThat(dispatcher.nextAttempt(1, 0)).isEqualTo(NOW.plusSeconds(5));
        assertThat(dispatcher.nextAttempt(2, 0)).isEqualTo(NOW.plusSeconds(10));
        assertThat(dispatcher.nextAttempt(20, 0)).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void longerRetryAfterIsHonoured() {
        assertThat(dispatcher.nextAttempt(1, 120)).isEqualTo(NOW.plusSeconds(120));
        assertThat(dispatcher.nextAttempt(3, 7)).isEqualTo(NOW.plusSeconds(20));
    }

    @Test
    void hugeRetryAfterCappedAtMaxBackoff() {
        assertThat(dispatcher.nextAttempt(1, 31_536_000)).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(dispatcher.nextAttempt(1, Long.MAX_VALUE)).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }
}
