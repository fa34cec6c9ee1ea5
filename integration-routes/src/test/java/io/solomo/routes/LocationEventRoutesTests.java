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
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order in which the location route announces a batch's store visits and requests its decisions, and what the
 * caller of the route waits for.
 */
class LocationEventRoutesTests {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Set<String> storedBefore = new HashSet<>();
    private volatile boolean failRecording;

    @Test
    void secondEnterOfCustomerStartsNewRun() throws Exception {
        List<LocationFix> batch = List.of(fix("a1", "alice", 0), fix("b1", "bob", 1), fix("a2", "alice", 2));

        run(new EnteringTracker(), batch);

        assertThat(calls).containsExactly("announce [a1, b1]", "decide a1", "decide b1", "announce [a2]",
                "decide a2", "recorded [a1, b1, a2]");
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

        assertThat(calls).containsExactly("decide a1", "decide b1", "recorded [a1, b1]");
    }

    @Test
    void callerWaitsForAllPartitions() throws Exception {
        List<LocationFix> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(fix("e" + i, "customer-" + i, i));
        }
        storedBefore.add("e7");

        Set<Object> alreadyStored = Set.copyOf(run(new EnteringTracker(), batch, 4));

        assertThat(alreadyStored).containsExactly((Object) "e7");
        assertThat(calls).filteredOn(call -> call.startsWith("recorded")).hasSizeGreaterThan(1);
        assertThat(calls.stream().filter(call -> call.startsWith("recorded"))
                .flatMap(call -> Arrays.stream(call.substring("recorded [".length(), call.length() - 1).split(", ")))
                .toList()).containsExactlyInAnyOrderElementsOf(batch.stream().map(LocationFix::eventId).toList());
    }

    @Test
    void failureToRecordReachesCaller() {
        List<LocationFix> batch = List.of(fix("a1", "alice", 0));
        failRecording = true;

        assertThatThrownBy(() -> run(new EnteringTracker(), batch, 1))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessage("database down");
    }

    @Test
    void fullQueueFailsWithinTimeout() throws Exception {
        BlockingTracker stuck = new BlockingTracker();
        // One batch in the consumer, 100 in the queue, and one more that finds the queue full.
        int requests = 102;
        ExecutorService callers = Executors.newFixedThreadPool(requests);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new LocationEventRoutes(stuck, this::decide, new Journal(), Set.of(Trigger.GEOFENCE_ENTER),
                    1, Duration.ofSeconds(1)));
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            List<Future<Object>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                List<LocationFix> batch = List.of(fix("e" + i, "customer-" + i, i));
                replies.add(callers.submit(() -> producer.requestBody(Endpoints.LOCATION_EVENTS, batch)));
            }

            for (Future<Object> reply : replies) {
                assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasRootCauseInstanceOf(TimeoutException.class);
            }
            // Released before Camel closes, whose graceful shutdown would otherwise wait for the held batch.
            stuck.release.countDown();
        } finally {
            stuck.release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void stoppingCamelFailsWaitingCallers() throws Exception {
        BlockingTracker blocking = new BlockingTracker();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new LocationEventRoutes(blocking, this::decide, new Journal(),
                    Set.of(Trigger.GEOFENCE_ENTER), 1));
            camel.getShutdownStrategy().setTimeout(1);
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            Future<?> first = callers.submit(() -> producer.requestBody(Endpoints.LOCATION_EVENTS,
                    List.of(fix("a1", "alice", 0)), Set.class));
            assertThat(blocking.tracking.await(10, TimeUnit.SECONDS)).as("first batch tracking").isTrue();
            Future<?> second = callers.submit(() -> producer.requestBody(Endpoints.LOCATION_EVENTS,
                    List.of(fix("b1", "bob", 1)), Set.class));
            awaitOneQueued(camel);

            camel.stop();

            // Both callers fail within seconds, where they would otherwise wait for the two-minute recording timeout.
            // Camel may report the failure as the rejection of the caller's exchange by the stopped context.
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        } finally {
            blocking.release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void stoppingCamelFailsQueuedCallerBeforeShutdownTimeout() throws Exception {
        BlockingTracker blocking = new BlockingTracker();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new LocationEventRoutes(blocking, this::decide, new Journal(),
                    Set.of(Trigger.GEOFENCE_ENTER), 1));
            camel.getShutdownStrategy().setTimeout(20);
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            callers.submit(() -> producer.requestBody(Endpoints.LOCATION_EVENTS, List.of(fix("a1", "alice", 0)),
                    Set.class));
            assertThat(blocking.tracking.await(10, TimeUnit.SECONDS)).as("first batch tracking").isTrue();
            Future<?> second = callers.submit(() -> producer.requestBody(Endpoints.LOCATION_EVENTS,
                    List.of(fix("b1", "bob", 1)), Set.class));
            awaitOneQueued(camel);

            long stopping = System.nanoTime();
            callers.submit(camel::stop);

            // The queued batch can never run once its consumer stops, so its caller should not wait for the
            // graceful shutdown's timeout (20 s here, 45 s by default).
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
            // Lets the held batch finish, so that the stop ends before its 20 s timeout.
            blocking.release.countDown();
        } finally {
            blocking.release.countDown();
            callers.shutdownNow();
        }
    }

    /** Waits until one batch waits in the queue of partition 0, behind the one its consumer holds. */
    private static void awaitOneQueued(CamelContext camel) throws InterruptedException {
        SedaEndpoint queue = camel.getEndpoint("seda:location-events-0", SedaEndpoint.class);
        for (int wait = 0; wait < 100 && queue.getCurrentQueueSize() == 0; wait++) {
            Thread.sleep(50);
        }
        assertThat(queue.getCurrentQueueSize()).as("batches queued behind the first").isEqualTo(1);
    }

    private void run(PresenceTracker tracker, List<LocationFix> batch) throws Exception {
        run(tracker, batch, 1);
    }

    /** Sends the batch as a request and returns the reply, the event ids already stored. */
    private Set<?> run(PresenceTracker tracker, List<LocationFix> batch, int partitions) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new LocationEventRoutes(tracker, this::decide, new Journal(),
                    Set.of(Trigger.GEOFENCE_ENTER), partitions));
            camel.start();
            return camel.createProducerTemplate().requestBody(Endpoints.LOCATION_EVENTS, batch, Set.class);
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
    /** Holds each fix in {@link #track} until {@link #release} opens, for at most a minute. */
    private class BlockingTracker extends EnteringTracker {

        final CountDownLatch tracking = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public FixOutcome track(LocationFix fix) {
            tracking.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return super.track(fix);
        }
    }

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

    /** Records calls; fails every write when {@link #failRecording} is set. */
    private final class Journal implements LocationEventJournal {

        @Override
        public Set<String> recordProcessed(List<ProcessedFix> fixes) {
            if (failRecording) {
                throw new IllegalStateException("database down");
            }
            calls.add("recorded " + fixes.stream().map(ProcessedFix::eventId).toList());
            Set<String> replays = new HashSet<>();
            for (ProcessedFix fix : fixes) {
                if (storedBefore.contains(fix.eventId())) {
                    replays.add(fix.eventId());
                }
            }
            return replays;
        }

        @Override
        public void recordFailed(LocationFix fix, String reason) {
            if (failRecording) {
                throw new IllegalStateException("database down");
            }
            calls.add("failed " + fix.eventId());
        }
    }
}
