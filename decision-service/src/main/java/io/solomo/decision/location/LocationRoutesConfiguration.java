package io.solomo.decision.location;

import io.solomo.decision.SettingChecks;
import io.solomo.model.decision.OfferDecisions;
import io.solomo.model.delivery.DeliveryLog;
import io.solomo.model.location.PresenceTracker;
import io.solomo.model.location.LocationEventJournal;
import io.solomo.routes.DeliveryRoutes;
import io.solomo.routes.LocationEventRoutes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the Camel routes of the integration-routes module into the application's Camel context. */
@Configuration
class LocationRoutesConfiguration {

    /**
     * @param partitions the route's consumer threads, by default half the processors and at least one. On two cores
     *                   one consumer was faster than two, because the request threads and the commits need the other
     *                   core (docs/benchmarks.md).
     */
    @Bean
    LocationEventRoutes locationEventRoutes(PresenceTracker tracker, OfferDecisions decisions,
                                            LocationEventJournal journal, LocationProperties limits,
                                            @Value("${solomo.routes.location-consumers:#{null}}") Integer partitions) {
        int consumers = partitions != null ? SettingChecks.atLeast("solomo.routes.location-consumers", partitions, 1)
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new LocationEventRoutes(tracker, decisions, journal, limits.decisionTriggers(), consumers);
    }

    @Bean
    DeliveryRoutes deliveryRoutes(DeliveryLog deliveryLog) {
        return new DeliveryRoutes(deliveryLog);
    }
}
