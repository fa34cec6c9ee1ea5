package io.solomo.routes;

import io.solomo.model.decision.ChosenOffer;
import io.solomo.model.decision.Decision;
import io.solomo.model.decision.DecisionRequest;
import io.solomo.model.decision.OfferDecisions;
import io.solomo.model.delivery.DeliveryOrder;
import io.solomo.model.location.FixOutcome;
import io.solomo.model.location.GeofenceTransition;
import io.solomo.model.location.LocationEventJournal;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.PresenceTracker;
import io.solomo.model.location.ProcessedFix;
import io.solomo.model.offer.ContactContext.Trigger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes batches of accepted location fixes from {@link Endpoints#LOCATION_EVENTS} and applies each fix to the
 * device's state at the stores' geofences through the {@link PresenceTracker}, which then announces the batch's
 * store visits, so that they are recorded in a few transactions per batch. The visits are announced at once
 * unless a customer enters a store again within the batch. Then the batch is split there, so that no decision
 * reads a visit that its customer made after the fix. Each resulting transition whose
 * trigger is among the decision triggers ({@code solomo.location.decision-triggers}) requests one offer from the
 * offer engine, and the offer rules then decide whether that trigger deserves an offer. A suspect fix (an
 * impossible jump) causes no transition, so it never brings an offer. Each chosen offer goes to {@link Endpoints#OUTBOUND_DELIVERY}.
 *
 * <p>A device's fixes always go to the same one of {@code partitions} queues, each with a single consumer, and each
 * batch is sorted by fix time before it is queued. So a device's fixes are applied in the order of their timestamps
 * while the partitions run in parallel.
 *
 * <p>The caller of {@link Endpoints#LOCATION_EVENTS} waits until every fix of its batch is stored in the
 * {@link LocationEventJournal}, processed or failed, and receives the event ids found already stored. Each fix is
 * written once, with its outcome: the fixes of a batch that went through are recorded in one call, a fix that
 * failed is recorded on its own, logged, and does not stop the others. When recording fails, the caller gets the
 * failure, so a fix is never acknowledged before it is stored.
 */
public class LocationEventRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(LocationEventRoutes.class);

    /** Batches waiting per partition before the request that queues another one waits. */
    private static final int QUEUED_BATCHES = 100;
    /**
     * How long a caller waits for room in a full queue, and then for its batch to be recorded, before it gets a
     * failure and may send the batch again.
     */
    private static final Duration RECORDING_TIMEOUT = Duration.ofMinutes(2);

    private final PresenceTracker tracker;
    private final OfferDecisions decisions;
    private final LocationEventJournal journal;
    private final Set<Trigger> decisionTriggers;
    private final int partitions;
    private final Duration recordingTimeout;
    /**
     * Batches queued and still awaited by their callers. When Camel stops, they fail at once instead of at the
     * timeout.
     */
    private final Set<PartitionBatch> openBatches = ConcurrentHashMap.newKeySet();
    /** Open batches that no partition consumer has taken yet, failed as soon as Camel starts stopping. */
    private final Set<PartitionBatch> untakenBatches = ConcurrentHashMap.newKeySet();
    private ProducerTemplate producer;

    /**
     * @param partitions how many queues, each with one consumer thread, apply fixes in parallel; at least 1
     */
    public LocationEventRoutes(PresenceTracker tracker, OfferDecisions decisions, LocationEventJournal journal,
                               Set<Trigger> decisionTriggers, int partitions) {
        this(tracker, decisions, journal, decisionTriggers, partitions, RECORDING_TIMEOUT);
    }

    /**
     * @param recordingTimeout how long a caller waits for a full queue, and then for its batch to be recorded
     */
    LocationEventRoutes(PresenceTracker tracker, OfferDecisions decisions, LocationEventJournal journal,
                        Set<Trigger> decisionTriggers, int partitions, Duration recordingTimeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("the location event routes need at least 1 partition, got "
                    + partitions);
        }
        this.tracker = tracker;
        this.decisions = decisions;
        this.journal = journal;
        this.decisionTriggers = decisionTriggers.isEmpty() ? Set.of() : EnumSet.copyOf(decisionTriggers);
        this.partitions = partitions;
        this.recordingTimeout = recordingTimeout;
    }

    @Override
    public void configure() {
        producer = getContext().createProducerTemplate();
        getContext().addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                // Camel's default shutdown (CompleteCurrentTaskOnly) lets each partition finish its current batch
                // only, so the batches behind it never run. Their callers would otherwise wait for the shutdown
                // timeout, 45 s by default in Camel 4.22.
                failBatches(untakenBatches);
            }

            @Override
            public void onContextStopped(CamelContext context) {
                failBatches(openBatches);
            }
        });

        from(Endpoints.LOCATION_EVENTS)
                .routeId("inbound-location-events")
                .process(this::queueAndWait);

        for (int partition = 0; partition < partitions; partition++) {
            from(partitionQueue(partition) + "&concurrentConsumers=1")
                    .routeId("track-location-events-" + partition)
                    .onException(Exception.class)
                        .handled(true)
                        .process(this::recordBatchFailed)
                    .end()
                    .process(this::trackBatch);
        }
    }

    /** Returns the partition of a device: the same device always gets the same one. */
    static int partitionOf(String deviceId, int partitions) {
        return Math.floorMod(deviceId.hashCode(), partitions);
    }

    private static String partitionQueue(int partition) {
        return "seda:location-events-" + partition + "?size=" + QUEUED_BATCHES;
    }

    /**
     * Queues the fixes by device, adding each part to {@code queued}, and waits until each partition has recorded
     * its part. The reply body is the set of event ids that were already stored.
     */
    private void queueByDevice(Exchange exchange, List<PartitionBatch> queued) throws Exception {
        List<?> batch = exchange.getMessage().getMandatoryBody(List.class);
        List<List<LocationFix>> byPartition = new ArrayList<>(partitions);
        for (int partition = 0; partition < partitions; partition++) {
            byPartition.add(new ArrayList<>());
        }
        for (Object element : batch) {
            LocationFix fix = (LocationFix) element;
            byPartition.get(partitionOf(fix.deviceId(), partitions)).add(fix);
        }
        long deadline = System.nanoTime() + recordingTimeout.toNanos();
        for (int partition = 0; partition < partitions; partition++) {
            List<LocationFix> fixes = byPartition.get(partition);
            if (fixes.isEmpty()) {
                continue;
            }
            // A stable sort keeps the order of arrival for fixes taken at the same instant.
            fixes.sort(Comparator.comparing(LocationFix::recordedAt));
            PartitionBatch part = new PartitionBatch(fixes, new CompletableFuture<>());
            openBatches.add(part);
            untakenBatches.add(part);
            queued.add(part);
            // Without offerTimeout, a full queue would block the caller for as long as the consumer is stuck.
            try {
                producer.sendBody(partitionQueue(partition) + "&blockWhenFull=true&offerTimeout="
                        + recordingTimeout.toMillis(), part);
            } catch (CamelExecutionException failure) {
                // Camel 4's seda producer raises IllegalStateException when offerTimeout runs out.
                if (!(failure.getCause() instanceof IllegalStateException)) {
                    throw failure;
                }
                throw new TimeoutException("the " + batch.size() + " location events starting with "
                        + ((LocationFix) batch.get(0)).eventId() + " found the queue of partition " + partition
                        + " full for " + recordingTimeout + "; sending them again is safe");
            }
        }

        Set<String> alreadyStored = new HashSet<>();
        for (PartitionBatch part : queued) {
            try {
                alreadyStored.addAll(part.recorded().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
            } catch (ExecutionException failure) {
                throw failure.getCause() instanceof Exception cause ? cause : failure;
            } catch (TimeoutException late) {
                throw new TimeoutException("the " + batch.size() + " location events starting with "
                        + ((LocationFix) batch.get(0)).eventId() + " were not recorded within " + recordingTimeout
                        + "; sending them again is safe");
            }
        }
        exchange.getMessage().setBody(alreadyStored);
    }

    private void queueAndWait(Exchange exchange) throws Exception {
        List<PartitionBatch> queued = new ArrayList<>();
        try {
            queueByDevice(exchange, queued);
        } finally {
            queued.forEach(openBatches::remove);
            queued.forEach(untakenBatches::remove);
        }
    }

    /** Fails batches whose callers still wait while Camel stops, because no consumer will take them. */
    private static void failBatches(Set<PartitionBatch> batches) {
        for (PartitionBatch part : List.copyOf(batches)) {
            part.recorded().completeExceptionally(new IllegalStateException("the location routes stopped before "
                    + part.fixes().size() + " location events starting with " + part.fixes().get(0).eventId()
                    + " were stored; sending them again is safe"));
        }
        batches.clear();
    }

    private void trackBatch(Exchange exchange) throws InvalidPayloadException {
        PartitionBatch part = exchange.getMessage().getMandatoryBody(PartitionBatch.class);
        untakenBatches.remove(part);
        if (part.recorded().isDone()) {
            // Failed when Camel started stopping, with an error telling its caller to send the batch again.
            return;
        }
        List<LocationFix> fixes = part.fixes();
        tracker.loadDevices(fixes);

        List<LocationFix> trackedFixes = new ArrayList<>(fixes.size());
        List<FixOutcome> outcomes = new ArrayList<>(fixes.size());
        for (LocationFix fix : fixes) {
            try {
                outcomes.add(tracker.track(fix));
                trackedFixes.add(fix);
            } catch (RuntimeException failure) {
                recordFailed(fix, failure);
            }
        }

        List<ProcessedFix> processed = new ArrayList<>(trackedFixes.size());
        int start = 0;
        while (start < trackedFixes.size()) {
            int end = endOfVisitRun(trackedFixes, outcomes, start);
            announceVisits(trackedFixes.subList(start, end));
            for (int i = start; i < end; i++) {
                LocationFix fix = trackedFixes.get(i);
                try {
                    processed.add(decide(fix, outcomes.get(i)));
                } catch (RuntimeException failure) {
                    recordFailed(fix, failure);
                }
            }
            start = end;
        }
        part.recorded().complete(journal.recordProcessed(processed));
    }

    /**
     * Returns the end of the run of fixes from {@code start} whose visits can be announced before any of their
     * decisions. A run ends before a fix that enters a store when an earlier fix of the same customer in the run
     * caused a transition, so that a decision never reads a visit that its customer made later.
     *
     * <p>NOTE: another customer's later visit in the same run is recorded before the decision, so it may already
     * have made that customer the store's regular. Also ending a run before an enter at a store that an earlier fix
     * of the run entered would prevent that, at the cost of more transactions.
     */
    private static int endOfVisitRun(List<LocationFix> fixes, List<FixOutcome> outcomes, int start) {
        Set<String> customersWithTransitions = new HashSet<>();
        for (int i = start; i < fixes.size(); i++) {
            List<GeofenceTransition> transitions = outcomes.get(i).transitions();
            if (transitions.isEmpty()) {
                // Most fixes change nothing: they cost one check here.
                continue;
            }
            String customerId = fixes.get(i).customerId();
            if (!customersWithTransitions.add(customerId) && entersStore(transitions)) {
                return i;
            }
        }
        return fixes.size();
    }

    private static boolean entersStore(List<GeofenceTransition> transitions) {
        for (GeofenceTransition transition : transitions) {
            if (transition.kind() == GeofenceTransition.Kind.ENTER) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lets the datamart and the loyalty programme record the visits of these fixes before their decisions read them.
     * A failure there costs the visits, never the offers.
     */
    private void announceVisits(List<LocationFix> fixes) {
        try {
            tracker.announceVisits(fixes);
        } catch (RuntimeException failure) {
            log.warn("Recording the store visits of location events {} to {} failed: {}", fixes.get(0).eventId(),
                    fixes.get(fixes.size() - 1).eventId(), failure.toString());
        }
    }

    private void recordFailed(LocationFix fix, RuntimeException failure) {
        log.warn("Location event {} failed: {}", fix.eventId(), failure.getMessage());
        journal.recordFailed(fix, String.valueOf(failure.getMessage()));
    }

    /** Requests the decisions that a tracked fix's transitions trigger and sends the chosen offers. */
    private ProcessedFix decide(LocationFix fix, FixOutcome outcome) {
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
        for (DeliveryOrder order : orders) {
            producer.sendBody(Endpoints.OUTBOUND_DELIVERY, order);
        }
        return new ProcessedFix(fix, storeId, decisionId, outcome.assessment());
    }

    private boolean asksForDecision(GeofenceTransition transition) {
        return transition.cause() == GeofenceTransition.Cause.FIX
                && transition.trigger() != null
                && decisionTriggers.contains(transition.trigger());
    }

    /**
     * Records every fix of a batch failed when recording them processed failed. When that fails too, the caller gets
     * the first failure and nothing of the batch counts as accepted.
     */
    private void recordBatchFailed(Exchange exchange) {
        PartitionBatch part = exchange.getMessage().getBody(PartitionBatch.class);
        if (part == null) {
            return;
        }
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = failure == null ? "unknown failure" : String.valueOf(failure.getMessage());
        log.warn("A batch of {} location events failed: {}", part.fixes().size(), reason);
        try {
            for (LocationFix fix : part.fixes()) {
                journal.recordFailed(fix, reason);
            }
            part.recorded().complete(Set.of());
        } catch (RuntimeException unrecorded) {
            part.recorded().completeExceptionally(failure == null ? unrecorded : failure);
        }
    }

    /** A partition's share of a posted batch, and what its poster waits for: the event ids already stored. */
    private record PartitionBatch(List<LocationFix> fixes, CompletableFuture<Set<String>> recorded) {
    }
}
