package io.solomo.routes;

import io.solomo.model.decision.Decision;
import io.solomo.model.decision.DecisionRequest;
import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.FixOutcome;
import io.solomo.model.location.GeofenceTransition;
import io.solomo.model.location.LocationEventJournal;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.PresenceTracker;
import io.solomo.model.location.ProcessedFix;
import io.solomo.model.offer.ContactContext.Trigger;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which the location route announces a batch's store visits and requests its decisions. */
class LocationEventRoutesTests {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch batchMarked = new CountDownLatch(1);

    @Test
    void secondEnterOfCustomerStartsNewRun() throws Exception {
        List<LocationFix> batch = List.of(fix("a1", "alice", 0), fix("b1", "bob", 1), fix("a2", "alice", 2));

        run(new EnteringTracker(), batch);

        assertThat(calls).containsExactly("announce [a1, b1]", "decide a1", "decide b1", "announce [a2]",
                "decide a2", "processed [a1, b1, a2]");
    }

    @Test
    void failedAnnouncementKeepsDecisions() throws Exception {
        List<LocationFix> batch = List.of(fix("a1", "alice", 0), fix("b1", "bob", 1));
        PresenceTracker failing = new EnteringTracker() {
            @Override
            public void announceVisits(List<LocationFix> fixes) {
                throw new IllegalStateException("listener failed");
            }
        };

        run(failing, batch);

        assertThat(calls).containsExactly("decide a1", "decide b1", "processed [a1, b1]");
    }

    private void run(PresenceTracker tracker, List<LocationFix> batch) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new LocationEventRoutes(tracker, this::decide, new Journal(),
                    Set.of(Trigger.GEOFENCE_ENTER), 1));
            camel.start();
            camel.createProducerTemplate().sendBody(Endpoints.LOCATION_EVENTS, batch);
            assertThat(batchMarked.await(10, TimeUnit.SECONDS)).as("batch marked").isTrue();
        }
    }

    private Decision decide(DecisionRequest request) {
        calls.add("decide " + request.eventId());
        return new Decision("decision-" + request.eventId(), request.customerId(), List.of());
    }

    private static LocationFix fix(String eventId, String customerId, int minutes) {
        return new LocationFix(eventId, customerId, "phone-" + customerId, 48.85, 2.37, 10.0,
                START.plusSeconds(60L * minutes));
    }

    /** Every fix enters a store of its own. */
    private class EnteringTracker implements PresenceTracker {

        @Override
        public FixOutcome track(LocationFix fix) {
            return new FixOutcome(FixAssessment.APPLIED, List.of(new GeofenceTransition("enter-" + fix.eventId(),
                    "store-" + fix.eventId(), GeofenceTransition.Kind.ENTER, GeofenceTransition.Cause.FIX,
                    fix.recordedAt())));
        }

        @Override
        public void announceVisits(List<LocationFix> fixes) {
            calls.add("announce " + fixes.stream().map(LocationFix::eventId).toList());
        }

        @Override
        public void linkDecision(String transitionId, String decisionId) {
        }
    }

    private final class Journal implements LocationEventJournal {

        @Override
        public void markProcessed(String eventId, String storeId, String decisionId) {
        }

        @Override
        public void markAllProcessed(List<ProcessedFix> fixes) {
            calls.add("processed " + fixes.stream().map(ProcessedFix::eventId).toList());
            batchMarked.countDown();
        }

        @Override
        public void markFailed(String eventId, String reason) {
            calls.add("failed " + eventId);
            batchMarked.countDown();
        }
    }
}
