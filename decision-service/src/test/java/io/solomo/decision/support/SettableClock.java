package io.solomo.decision.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock that tests move forward, so that days pass in an instant. It starts at the real time; import
 * {@link Configuration} in a test context to make it the clock every feature reads.
 */
public final class SettableClock extends Clock {

    /** One clock for every context of the JVM, so a restarted context goes on from the time the test reached. */
    public static final SettableClock INSTANCE = new SettableClock();

    /**
     * Whole milliseconds, because the database rounds a stored timestamp to microseconds: a frozen time with
     * nanoseconds would be stored later than itself and never be due.
     */
    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private SettableClock() {
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the settable clock stays in UTC");
    }

    /** Replaces the application's clock with {@link #INSTANCE}. */
    @TestConfiguration
    public static class Configuration {

        @Bean
        @Primary
        Clock settableClock() {
            return INSTANCE;
        }
    }
}
