package io.solomo.routes;

import io.solomo.model.decision.ChosenOffer;
import io.solomo.model.decision.Decision;
import io.solomo.model.decision.DecisionRequest;
import io.solomo.model.decision.OfferDecisions;
import io.solomo.model.delivery.DeliveryOrder;
import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.FixOutcome;
import io.solomo.model.location.GeofenceTransition;
import io.solomo.model.location.LocationEventJournal;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.PresenceTracker;
import io.solomo.model.offer.ContactContext.Trigger;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Takes accepted location fixes from {@link Endpoints#LOCATION_EVENTS} and applies each to the device's state at the
 * stores' geofences through the {@link PresenceTracker}. Each resulting transition whose trigger is among the
 * decision triggers ({@code solomo.location.decision-triggers}) asks the offer engine for one offer; the offer rules
 * then decide whether that trigger deserves an offer. A suspect fix (an impossible jump) causes no transition, so it
 * never brings an offer. Each chosen offer goes to
 * {@link Endpoints#OUTBOUND_DELIVERY}.
 *
 * <p>Every fix ends marked processed or failed in the {@link LocationEventJournal}; a failure is logged and does not
 * stop the route.
 */
public class LocationEventRoutes extends RouteBuilder {

    static final String STORE_HEADER = "solomoStoreId";
    static final String DECISION_HEADER = "solomoDecisionId";
    private static final String FIX_PROPERTY = "solomoLocationFix";
    private static final String ASSESSMENT_PROPERTY = "solomoFixAssessment";

    private final PresenceTracker tracker;
    private final OfferDecisions decisions;
    private final LocationEventJournal journal;
    private final Set<Trigger> decisionTriggers;

    public LocationEventRoutes(PresenceTracker tracker, OfferDecisions decisions, LocationEventJournal journal,
                               Set<Trigger> decisionTriggers) {
        this.tracker = tracker;
        this.decisions = decisions;
        this.journal = journal;
        this.decisionTriggers = decisionTriggers.isEmpty() ? Set.of() : EnumSet.copyOf(decisionTriggers);
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
                .process(this::track)
                .split(body())
                    .to(Endpoints.OUTBOUND_DELIVERY)
                .end()
                .process(this::markProcessed);
    }

    private void track(Exchange exchange) throws InvalidPayloadException {
        LocationFix fix = exchange.getMessage().getMandatoryBody(LocationFix.class);
        exchange.setProperty(FIX_PROPERTY, fix);
        FixOutcome outcome = tracker.track(fix);
        exchange.setProperty(ASSESSMENT_PROPERTY, outcome.assessment());

        List<DeliveryOrder> orders = new ArrayList<>();
        String storeId = null;
        String decisionId = null;
        for (GeofenceTransition transition : outcome.transitions()) {
            if (storeId == null || transition.kind() == GeofenceTransition.Kind.ENTER) {
                storeId = transition.storeId();
            }
            if (!asksForDecision(transition)) {
                continue;
            }
            Decision decision = decisions.decide(new DecisionRequest(fix.customerId(), null, fix.latitude(),
                    fix.longitude(), transition.storeId(), fix.recordedAt(), 1, transition.trigger(), fix.eventId()));
            tracker.linkDecision(transition.transitionId(), decision.decisionId());
            decisionId = decision.decisionId();
            for (ChosenOffer offer : decision.offers()) {
                orders.add(new DeliveryOrder(decision.decisionId(), decision.customerId(), fix.eventId(), offer));
            }
        }
        exchange.getMessage().setHeader(STORE_HEADER, storeId);
        exchange.getMessage().setHeader(DECISION_HEADER, decisionId);
        exchange.getMessage().setBody(orders);
    }

    private boolean asksForDecision(GeofenceTransition transition) {
        return transition.cause() == GeofenceTransition.Cause.FIX
                && transition.trigger() != null
                && decisionTriggers.contains(transition.trigger());
    }

    private void markProcessed(Exchange exchange) {
        LocationFix fix = exchange.getProperty(FIX_PROPERTY, LocationFix.class);
        journal.markProcessed(fix.eventId(), exchange.getMessage().getHeader(STORE_HEADER, String.class),
                exchange.getMessage().getHeader(DECISION_HEADER, String.class),
                exchange.getProperty(ASSESSMENT_PROPERTY, FixAssessment.class));
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
