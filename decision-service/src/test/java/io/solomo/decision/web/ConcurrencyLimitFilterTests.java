package io.solomo.decision.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

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

class ConcurrencyLimitFilterTests {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    @Test
    void requestsBeyondLimitWait() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(2);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                requests.add(threads.submit(() -> pass(filter, this::countedRequest)));
            }
            for (Future<?> request : requests) {
                request.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(maxRunning.get()).isEqualTo(2);
        assertThat(running.get()).isZero();
    }

    @Test
    void failedRequestFreesItsSlot() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1);

        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
                (request, response) -> {
                    throw new ServletException("handler failed");
                })).isInstanceOf(ServletException.class);

        CountDownLatch passed = new CountDownLatch(1);
        Thread next = new Thread(() -> pass(filter, (request, response) -> passed.countDown()));
        next.start();
        assertThat(passed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void limitBelowOneIsRejected() {
        assertThatThrownBy(() -> new ConcurrencyLimitFilter(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    private void countedRequest(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(20);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        running.decrementAndGet();
    }

    private static void pass(ConcurrencyLimitFilter filter, FilterChain chain) {
        try {
            filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
        } catch (Exception failure) {
            throw new IllegalStateException(failure);
        }
    }
}
