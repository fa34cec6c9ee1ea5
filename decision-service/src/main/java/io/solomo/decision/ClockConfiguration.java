package io.solomo.decision;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** The clock every feature reads the time from, so that tests can move it. */
@Configuration
class ClockConfiguration {

    /**
     * Returns the system clock in UTC, ticking in whole microseconds. H2 and PostgreSQL store timestamps to the
     * microsecond, so a response then shows the same instant as a later read or an idempotent replay of what it stored.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
