package io.solomo.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarmUpGateTests {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    @Test
    void warmUpBatchesRunOneAtATime() throws Exception {
        WarmUpGate gate = new WarmUpGate(40);

        runConcurrently(gate, 40, 8);

        assertThat(maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void laterBatchesRunInParallel() throws Exception {
        WarmUpGate gate = new WarmUpGate(4);
        runConcurrently(gate, 4, 1);
        maxConcurrent.set(0);

        CountDownLatch bothInside = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> batches = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                batches.add(threads.submit(() -> gate.run(() -> {
                    bothInside.countDown();
                    return await(bothInside);
                })));
            }

            for (Future<Boolean> batch : batches) {
                assertThat(batch.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void failingBatchCountsTowardsWarmUp() throws InterruptedException {
        WarmUpGate gate = new WarmUpGate(1);

        assertThatThrownBy(() -> gate.run(() -> {
            throw new IllegalStateException("rule failed");
        })).isInstanceOf(IllegalStateException.class);

        CountDownLatch bothInside = new CountDownLatch(2);
        Thread other = new Thread(() -> gate.run(() -> {
            bothInside.countDown();
            return await(bothInside);
        }));
        other.start();
        boolean ranBeside = gate.run(() -> {
            bothInside.countDown();
            return await(bothInside);
        });
        other.join(10_000);

        assertThat(ranBeside).isTrue();
    }

    private void runConcurrently(WarmUpGate gate, int batches, int threadCount) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                results.add(threads.submit(() -> gate.run(this::countedBatch)));
            }
            for (Future<Integer> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private Integer countedBatch() {
        int now = running.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(5);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return running.decrementAndGet();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
