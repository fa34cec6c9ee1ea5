package io.solomo.routes;

import io.solomo.model.decision.ChosenOffer;
import io.solomo.model.decision.Decision;
import io.solomo.model.decision.DecisionRequest;
import io.solomo.model.decision.OfferDecisions;
import io.solomo.model.delivery.DeliveryOrder;
import io.solomo.model.location.GeofenceLocator;
import io.solomo.model.location.LocationEventJournal;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.StoreMatch;
import io.solomo.model.offer.ContactContext.Trigger;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes accepted location fixes from {@link Endpoints#LOCATION_EVENTS}: when a fix lies inside a store's geofence,
 * asks the offer engine for one offer for that customer, store and moment, and hands each chosen offer to
 * {@link Endpoints#OUTBOUND_DELIVERY}. The engine picks the channel among those the customer prefers and consented to.
 *
 * <p>Every fix ends marked processed or failed in the {@link LocationEventJournal}; a failure is logged and does not
 * stop the route.
 */
public class LocationEventRoutes extends RouteBuilder {

    static final String STORE_HEADER = "solomoStoreId";
    static final String DECISION_HEADER = "solomoDecisionId";
    private static final String FIX_PROPERTY = "solomoLocationFix";

    private final GeofenceLocator geofences;
    private final OfferDecisions decisions;
    private final LocationEventJournal journal;

    public LocationEventRoutes(GeofenceLocator geofences, OfferDecisions decisions, LocationEventJournal journal) {
        this.geofences = geofences;
        this.decisions = decisions;
        this.journal = journal;
    }

    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .process(this::markFailed)
                .log(LoggingLevel.WARN, "Location event ${exchangeProperty." + FIX_PROPERTY + ".eventId()} failed: "
                        + "${exception.message}");

        from(Endpoints.LOCATION_EVENTS + "?concurrentConsumers={{solomo.routes.location-consumers:2}}")
                .routeId("inbound-location-events")
                .process(this::matchStore)
                .choice()
                    .when(header(STORE_HEADER).isNull())
                        .process(this::markProcessed)
                    .otherwise()
                        .process(this::decide)
                        .split(body())
                            .to(Endpoints.OUTBOUND_DELIVERY)
                        .end()
                        .process(this::markProcessed)
                .end();
    }

    private void matchStore(Exchange exchange) throws InvalidPayloadException {
        LocationFix fix = exchange.getMessage().getMandatoryBody(LocationFix.class);
        exchange.setProperty(FIX_PROPERTY, fix);
        Optional<StoreMatch> store = geofences.storeAt(fix.latitude(), fix.longitude());
        exchange.getMessage().setHeader(STORE_HEADER, store.map(StoreMatch::storeId).orElse(null));
    }

    private void decide(Exchange exchange) {
        LocationFix fix = exchange.getProperty(FIX_PROPERTY, LocationFix.class);
        String storeId = exchange.getMessage().getHeader(STORE_HEADER, String.class);
        Decision decision = decisions.decide(new DecisionRequest(fix.customerId(), null, fix.latitude(),
                fix.longitude(), storeId, fix.recordedAt(), 1, Trigger.GEOFENCE_ENTER, fix.eventId()));
        exchange.getMessage().setHeader(DECISION_HEADER, decision.decisionId());

        List<DeliveryOrder> orders = new ArrayList<>();
        for (ChosenOffer offer : decision.offers()) {
            orders.add(new DeliveryOrder(decision.decisionId(), decision.customerId(), fix.eventId(), offer));
        }
        exchange.getMessage().setBody(orders);
    }

    private void markProcessed(Exchange exchange) {
        LocationFix fix = exchange.getProperty(FIX_PROPERTY, LocationFix.class);
        journal.markProcessed(fix.eventId(), exchange.getMessage().getHeader(STORE_HEADER, String.class),
                exchange.getMessage().getHeader(DECISION_HEADER, String.class));
    }

    private void markFailed(Exchange exchange) {
        LocationFix fix = exchange.getProperty(FIX_PROPERTY, LocationFix.class);
        if (fix == null) {
            return;
        }
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        journal.markFailed(fix.eventId(), failure == null ? "unknown failure" : String.valueOf(failure.getMessage()));
    }
}
