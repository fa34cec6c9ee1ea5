package io.solomo.decision.location;

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

    @Bean
    LocationEventRoutes locationEventRoutes(PresenceTracker tracker, OfferDecisions decisions,
                                            LocationEventJournal journal, LocationProperties limits,
                                            @Value("${solomo.routes.location-consumers:2}") int partitions) {
        return new LocationEventRoutes(tracker, decisions, journal, limits.decisionTriggers(), partitions);
    }

    @Bean
    DeliveryRoutes deliveryRoutes(DeliveryLog deliveryLog) {
        return new DeliveryRoutes(deliveryLog);
    }
}
