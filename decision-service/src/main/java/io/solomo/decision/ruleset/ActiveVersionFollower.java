package io.solomo.decision.ruleset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the active version of the offers rule set in the shared database every
 * {@code solomo.rulesets.poll-interval}, so that every node behind a load balancer switches after an activation or
 * rollback on any one of them. A poll reads one column of one row; only a changed version is compiled, on this
 * poller's own thread. A zero or negative interval turns polling off, for a single node.
 */
@Component
class ActiveVersionFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ActiveVersionFollower.class);

    private final RuleSetVersions versions;
    private final Duration pollInterval;
    private ScheduledExecutorService poller;
    // Touched by the poller thread only.
    private int failedPolls;

    ActiveVersionFollower(RuleSetVersions versions,
                          @Value("${solomo.rulesets.poll-interval:PT5S}") Duration pollInterval) {
        this.versions = versions;
        this.pollInterval = pollInterval;
    }

    @Override
    public synchronized void start() {
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            log.info("Rule set polling is off (solomo.rulesets.poll-interval={}): activations on other nodes reach "
                    + "this node at its next start", pollInterval);
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rule-set-poller");
            thread.setDaemon(true);
            return thread;
        });
        long millis = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        log.info("Rule set polling started: the active version is read every {}", pollInterval);
    }

    private void poll() {
        try {
            versions.followActiveVersion();
            if (failedPolls > 0) {
                log.info("Reading the active rule set version works again after {} failed polls", failedPolls);
                failedPolls = 0;
            }
        } catch (RuntimeException failed) {
            // A database that is briefly unreachable must not end the schedule, so the next poll tries again. Only
            // the first failure in a row is logged, to keep an outage from filling the log.
            failedPolls++;
            if (failedPolls == 1) {
                log.warn("Reading the active rule set version failed, retrying every {}: {}", pollInterval,
                        failed.toString());
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
