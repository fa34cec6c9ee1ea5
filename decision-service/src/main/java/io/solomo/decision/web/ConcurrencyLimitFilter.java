package io.solomo.decision.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Servlet filter that lets at most a set number of requests through at once. The requests beyond it wait until one
 * of them ends, holding their Tomcat thread and connection meanwhile, and go through in their order of arrival. A
 * request that waits longer than the maximum wait gets a 503 problem with {@code Retry-After} instead, so that a few
 * stalled requests in the slots cannot also tie up every Tomcat thread.
 *
 * <p>It guards endpoints that use nothing but the CPU, such as rule batches. Running more of them at once than the
 * machine has cores does not finish them sooner. On two cores under 32 concurrent KIE batches, a limit of 4 cut the
 * server's CPU per batch by a quarter to a half, depending on the run, and lowered the p99 (docs/benchmarks.md). A limit around the Drools part alone did not
 * help, so the cost lies in running many request threads at once, most likely in thread switches and lost processor
 * caches. Letting a new request overtake the waiting ones gave 10 % more batches per second but a p99 three times
 * higher, so the slots are handed out in order.
 */
public final class ConcurrencyLimitFilter implements Filter {

    private final Semaphore slots;
    private final int limit;
    private final Duration maxWait;
    private final String limitedRequests;
    private final HandlerExceptionResolver errors;

    /**
     * Creates a filter that lets {@code limit} requests through at once.
     *
     * @param maxWait         how long a request may wait for a slot before it gets a 503 problem
     * @param limitedRequests the requests limited, in the plural, for the problem's detail
     * @param errors          the application's exception resolver, which writes the problem
     */
    public ConcurrencyLimitFilter(int limit, Duration maxWait, String limitedRequests,
                                  HandlerExceptionResolver errors) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit of concurrent requests must be at least 1, got " + limit);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("the maximum wait for a slot must be positive, got " + maxWait);
        }
        this.slots = new Semaphore(limit, true);
        this.limit = limit;
        this.maxWait = maxWait;
        this.limitedRequests = limitedRequests;
        this.errors = errors;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!acquire()) {
            String waited = maxWait.toMillis() % 1000 == 0 ? maxWait.toSeconds() + " s" : maxWait.toMillis() + " ms";
            ServerBusyException busy = new ServerBusyException("the server is running its limit of " + limit + " "
                    + limitedRequests + " at once, and none ended within " + waited + "; send the request again later",
                    maxWait);
            if (errors.resolveException((HttpServletRequest) request, (HttpServletResponse) response, null, busy)
                    == null) {
                throw busy;
            }
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            slots.release();
        }
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
