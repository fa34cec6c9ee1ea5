package io.solomo.decision.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Base of the components that read the shared database at a fixed interval on a thread of their own, so that every
 * node behind a load balancer applies a change made on another node within that interval. A zero or negative interval
 * turns polling off, for a single node. A failed poll keeps the schedule going, and only the first failure in a row
 * is logged, so that a database outage does not fill the log.
 */
public abstract class DatabasePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabasePoller.class);

    private final String subject;
    private final String intervalProperty;
    private final Duration interval;
    private ScheduledExecutorService poller;
    // Touched by the poller thread only.
    private int failedPolls;

    /**
     * @param subject          what a poll reads, for the thread name and the log, such as "offer catalogue"
     * @param intervalProperty the property that sets the interval, named in the log
     */
    protected DatabasePoller(String subject, String intervalProperty, Duration interval) {
        this.subject = subject;
        this.intervalProperty = intervalProperty;
        this.interval = interval;
    }

    /** Reads the database once; runs on the poller thread. */
    protected abstract void poll();

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative()) {
            log.info("Polling of the {} is off ({}={}): changes made on other nodes reach this node at its next start",
                    subject, intervalProperty, interval);
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, subject.replace(' ', '-') + "-poller");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        poller.scheduleWithFixedDelay(this::pollOnce, millis, millis, TimeUnit.MILLISECONDS);
        log.info("Polling of the {} started: read every {}", subject, interval);
    }

    private void pollOnce() {
        try {
            poll();
            if (failedPolls > 0) {
                log.info("Polling of the {} works again after {} failed polls", subject, failedPolls);
                failedPolls = 0;
            }
        } catch (RuntimeException failed) {
            failedPolls++;
            if (failedPolls == 1) {
                log.warn("Polling of the {} failed, retrying every {}: {}", subject, interval, failed.toString());
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }
}
