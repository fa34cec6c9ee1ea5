package io.solomo.decision.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyLimitFilterTests {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicReference<Exception> resolved = new AtomicReference<>();
    private final HandlerExceptionResolver errors = (request, response, handler, failure) -> {
        resolved.set(failure);
        response.setStatus(503);
        return new ModelAndView();
    };

    @Test
    void requestsBeyondLimitWait() throws Exception {
        ConcurrencyLimitFilter filter = limit(2, Duration.ofSeconds(30));
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
        ConcurrencyLimitFilter filter = limit(1, Duration.ofSeconds(30));

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
        assertThatThrownBy(() -> limit(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void requestWaitingTooLongGetsBusyProblem() throws Exception {
        ConcurrencyLimitFilter filter = limit(1, Duration.ofMillis(100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> pass(filter, (request, response) -> {
            holding.countDown();
            await(release);
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicInteger passed = new AtomicInteger();
        filter.doFilter(new MockHttpServletRequest(), response, (request, ignored) -> passed.incrementAndGet());
        release.countDown();
        holder.join(10_000);

        assertThat(passed.get()).isZero();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(resolved.get()).isInstanceOf(ServerBusyException.class)
                .hasMessageContaining("limit of 1 test requests");
        assertThat(((ServerBusyException) resolved.get()).retryAfter()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void busyBecomesProblemWithRetryAfter() throws Exception {
        StaticApplicationContext context = new StaticApplicationContext();
        context.getDefaultListableBeanFactory().registerSingleton("apiExceptionHandler",
                new ApiExceptionHandler("1MB", "10MB"));
        context.refresh();
        ExceptionHandlerExceptionResolver resolver = new ExceptionHandlerExceptionResolver();
        resolver.setApplicationContext(context);
        resolver.setMessageConverters(List.of(new JacksonJsonHttpMessageConverter()));
        resolver.afterPropertiesSet();
        MockHttpServletResponse response = new MockHttpServletResponse();

        resolver.resolveException(new MockHttpServletRequest("POST", "/services/rest/server/containers/instances/c"),
                response, null, new ServerBusyException("the server is busy", Duration.ofSeconds(10)));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("urn:solomo:problem:busy").contains("the server is busy");
    }

    private ConcurrencyLimitFilter limit(int slots, Duration maxWait) {
        return new ConcurrencyLimitFilter(slots, maxWait, "test requests", errors);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
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
