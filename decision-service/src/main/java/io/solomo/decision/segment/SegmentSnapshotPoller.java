package io.solomo.decision.segment;

import io.solomo.decision.persistence.DatabasePoller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;

/**
 * Reloads the in-memory segment definitions every {@code solomo.segments.refresh-interval}, in one read-only
 * transaction. A failed reload keeps the last snapshot in use.
 */
@Component
class SegmentSnapshotPoller extends DatabasePoller {

    private final SegmentCatalogue catalogue;
    private final TransactionTemplate readOnly;

    SegmentSnapshotPoller(SegmentCatalogue catalogue, PlatformTransactionManager transactions,
                          @Value("${solomo.segments.refresh-interval:PT5S}") Duration refreshInterval) {
        super("segment definitions", "solomo.segments.refresh-interval", refreshInterval);
        this.catalogue = catalogue;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @Override
    protected void poll() {
        readOnly.executeWithoutResult(status -> catalogue.refresh());
    }
}
