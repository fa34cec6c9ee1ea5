package io.solomo.decision.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket that lets at most {@code permitsPerSecond} sends through per second on this node, with bursts of up
 * to one second's worth. {@code 0} means unlimited.
 *
 * <p>NOTE: the limit applies per node, so N nodes send up to N times the rate. A shared limit needs a shared counter
 * (for example a database row or Redis).
 */
final class RateLimit {

    private final double permitsPerNano;
    private final double capacity;
    private double available;
    private long refilledAt = System.nanoTime();

    RateLimit(double permitsPerSecond) {
        this.permitsPerNano = permitsPerSecond / TimeUnit.SECONDS.toNanos(1);
        this.capacity = Math.max(1, permitsPerSecond);
        this.available = capacity;
    }

    /** Blocks until a send is allowed. */
    void acquire() {
        if (permitsPerNano <= 0) {
            return;
        }
        long wait;
        while ((wait = reserve()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Takes a permit and returns 0, or returns how many nanoseconds to wait for one. */
    private synchronized long reserve() {
        long now = System.nanoTime();
        available = Math.min(capacity, available + (now - refilledAt) * permitsPerNano);
        refilledAt = now;
        if (available >= 1) {
            available -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - available) / permitsPerNano);
    }
}
