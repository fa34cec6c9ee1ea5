package io.solomo.decision.kie;

import io.solomo.decision.persistence.DatabasePoller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Follows, every {@code solomo.kie.refresh-interval}, the containers created, updated and disposed through other
 * nodes (see {@link KieContainers#followRecords()}).
 */
@Component
class KieContainerPoller extends DatabasePoller {

    private final KieContainers containers;

    KieContainerPoller(KieContainers containers,
                       @Value("${solomo.kie.refresh-interval:PT5S}") Duration refreshInterval) {
        super("KIE containers", "solomo.kie.refresh-interval", refreshInterval);
        this.containers = containers;
    }

    @Override
    protected void poll() {
        containers.followRecords();
    }
}
