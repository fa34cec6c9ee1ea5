package io.solomo.rules;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Gate that runs the first batches of a KIE base one at a time, then lets batches run in parallel.
 *
 * <p>Drools interprets a MVEL constraint for its first 20 evaluations, then compiles it on a background thread and
 * swaps the compiled evaluator in. A request thread that does not yet see the constraint's interpreted evaluator
 * builds one of its own and can overwrite the compiled one, and the constraint then stays interpreted for the life
 * of the KIE base. With 32 threads on a fresh KIE container of the 1,000-row benchmark table, one or two constraints
 * such as {@code hour >= 15} stayed interpreted in 2 starts out of 9. Run alone, the first batches give each
 * constraint they reach its evaluator before another thread can look, and the counter's volatile write publishes it
 * to the batches that follow: none stayed interpreted in 5 starts.
 *
 * <p>NOTE: a constraint that no warm-up batch reaches can still meet the race later, though a rarely reached one
 * costs little while interpreted.
 */
public final class WarmUpGate {

    private final AtomicInteger batchesLeft;
    private final Object lock = new Object();

    /** Creates a gate that runs the first {@code batches} batches one at a time. */
    public WarmUpGate(int batches) {
        this.batchesLeft = new AtomicInteger(batches);
    }

    /** Runs a batch: alone during the warm-up, else at once. */
    public <T> T run(Supplier<T> batch) {
        if (batchesLeft.get() <= 0) {
            return batch.get();
        }
        synchronized (lock) {
            try {
                return batch.get();
            } finally {
                batchesLeft.decrementAndGet();
            }
        }
    }
}
