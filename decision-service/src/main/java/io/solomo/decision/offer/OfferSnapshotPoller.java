package io.solomo.decision.offer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reloads the in-memory offer catalogue and outcome counts from the shared database every
 * {@code solomo.offers.refresh-interval}, on a thread of its own, so that every node behind a load balancer applies a
 * change made on another node within that interval. A zero or negative interval turns reloading off, for a single
 * node: changes written through JPA on this node are still seen at once.
 */
@Component
class OfferSnapshotPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OfferSnapshotPoller.class);

    private final OfferCatalogue catalogue;
    private final PropensityModel propensities;
    private final TransactionTemplate readOnly;
    private final Duration refreshInterval;
    private ScheduledExecutorService poller;
    // Touched by the poller thread only.
    private int failedRefreshes;

    OfferSnapshotPoller(OfferCatalogue catalogue, PropensityModel propensities,
                        PlatformTransactionManager transactions,
                        @Value("${solomo.offers.refresh-interval:PT5S}") Duration refreshInterval) {
        this.catalogue = catalogue;
        this.propensities = propensities;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.refreshInterval = refreshInterval;
    }

    @Override
    public synchronized void start() {
        if (refreshInterval.isZero() || refreshInterval.isNegative()) {
            log.info("Offer catalogue reloading is off (solomo.offers.refresh-interval={}): changes made on other "
                    + "nodes reach this node at its next start", refreshInterval);
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "offer-catalogue-poller");
            thread.setDaemon(true);
            return thread;
        });
        long millis = refreshInterval.toMillis();
        poller.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
        log.info("Offer catalogue reloading started: offers and outcome counts are read every {}", refreshInterval);
    }

    private void refresh() {
        try {
            readOnly.executeWithoutResult(status -> {
                catalogue.refresh();
                propensities.refresh();
            });
            if (failedRefreshes > 0) {
                log.info("Reloading the offer catalogue works again after {} failed attempts", failedRefreshes);
                failedRefreshes = 0;
            }
        } catch (RuntimeException failed) {
            // The last snapshot stays in use. Only the first failure in a row is logged, so that a database outage
            // does not fill the log.
            failedRefreshes++;
            if (failedRefreshes == 1) {
                log.warn("Reloading the offer catalogue failed, retrying every {}: {}", refreshInterval,
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
