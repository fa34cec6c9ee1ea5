package io.solomo.decision.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * Servlet filter that lets at most a set number of requests through at once. The requests beyond it wait until one
 * of them ends, holding their Tomcat thread and connection meanwhile, and go through in their order of arrival.
 *
 * <p>It guards endpoints that use nothing but the CPU, such as rule batches. Running more of them at once than the
 * machine has cores does not finish them sooner. On two cores under 32 concurrent KIE batches, a limit of 4 halved
 * the server's CPU per batch and lowered the p99 (docs/benchmarks.md). A limit around the Drools part alone did not
 * help, so the cost lies in running many request threads at once, most likely in thread switches and lost processor
 * caches. Letting a new request overtake the waiting ones gave 10 % more batches per second but a p99 three times
 * higher, so the slots are handed out in order.
 */
public final class ConcurrencyLimitFilter implements Filter {

    private final Semaphore slots;

    /** Creates a filter that lets {@code limit} requests through at once. */
    public ConcurrencyLimitFilter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit of concurrent requests must be at least 1, got " + limit);
        }
        this.slots = new Semaphore(limit, true);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        slots.acquireUninterruptibly();
        try {
            chain.doFilter(request, response);
        } finally {
            slots.release();
        }
    }
}
