package io.solomo.decision.offer;

import io.solomo.decision.delivery.OfferTreatments;
import io.solomo.decision.persistence.DatabasePoller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;

/**
 * Reloads the in-memory offer catalogue, channel treatments and outcome counts every
 * {@code solomo.offers.refresh-interval}, in one read-only transaction. With reloading off, changes written through
 * JPA on this node are still seen at once. A failed reload keeps the last snapshot in use.
 */
@Component
class OfferSnapshotPoller extends DatabasePoller {

    private final OfferCatalogue catalogue;
    private final OfferTreatments treatments;
    private final PropensityModel propensities;
    private final TransactionTemplate readOnly;

    OfferSnapshotPoller(OfferCatalogue catalogue, OfferTreatments treatments, PropensityModel propensities,
                        PlatformTransactionManager transactions,
                        @Value("${solomo.offers.refresh-interval:PT5S}") Duration refreshInterval) {
        super("offer catalogue", "solomo.offers.refresh-interval", refreshInterval);
        this.catalogue = catalogue;
        this.treatments = treatments;
        this.propensities = propensities;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @Override
    protected void poll() {
        readOnly.executeWithoutResult(status -> {
            catalogue.refresh();
            treatments.refresh();
            propensities.refresh();
        });
    }
}
