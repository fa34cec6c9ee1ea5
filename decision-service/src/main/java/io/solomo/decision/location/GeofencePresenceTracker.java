package io.solomo.decision.location;

import io.solomo.decision.store.GeofenceIndex;
import io.solomo.decision.store.GeofencesRebuilt;
import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.FixOutcome;
import io.solomo.model.location.GeofenceTransition;
import io.solomo.model.location.GeofenceTransition.Cause;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.PresenceTracker;
import io.solomo.model.location.StoreEntered;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every device's {@link DevicePresence} in memory and records each transition in {@code geofence_transition}.
 * A background sweep gives devices silent for longer than
 * {@code solomo.location.silence-timeout} a synthetic exit, and a swap of the geofence index exits devices from the
 * geofences it no longer holds.
 *
 * <p>The state and transitions that a fix produced wait in memory until the {@link JpaLocationEventJournal} marks
 * the fix processed or failed, and are written in the same transaction as that mark, in JDBC batches.
 *
 * <p>NOTE: device state lives in this JVM only, so after a restart every device starts outside. Two server instances
 * would each see part of a device's fixes. Keeping the state in a table keyed by device would fix both.
 */
@Service
class GeofencePresenceTracker implements PresenceTracker {

    private static final Logger log = LoggerFactory.getLogger(GeofencePresenceTracker.class);

    private final Map<String, DevicePresence> devices = new ConcurrentHashMap<>();
    /** Fixes tracked but not yet marked in the journal, by event id. */
    private final Map<String, PendingFix> pendingFixes = new ConcurrentHashMap<>();
    /** Transitions of those fixes, by transition id, so that a decision can be linked before they are written. */
    private final Map<String, TransitionRow> pendingTransitions = new ConcurrentHashMap<>();
    private final GeofenceIndex geofences;
    private final TransitionRows transitions;
    private final TransactionTemplate transaction;
    private final LocationProperties limits;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService sweeper;

    GeofencePresenceTracker(GeofenceIndex geofences, TransitionRows transitions,
                            TransactionTemplate transaction, LocationProperties limits, Clock clock,
                            ApplicationEventPublisher events) {
        this.events = events;
        this.geofences = geofences;
        this.transitions = transitions;
        this.transaction = transaction;
        this.limits = limits;
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "presence-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long period = limits.sweepInterval().toMillis();
        sweeper.scheduleAtFixedRate(this::sweepSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public FixOutcome track(LocationFix fix) {
        DevicePresence presence = devices.computeIfAbsent(fix.deviceId(), DevicePresence::new);
        FixOutcome outcome;
        synchronized (presence) {
            outcome = presence.apply(fix, geofences, limits, clock.instant());
        }
        List<TransitionRow> rows = rows(presence, fix.eventId(), outcome.transitions());
        if (outcome.assessment() == FixAssessment.APPLIED || outcome.assessment() == FixAssessment.SUSPECT) {
            pendingFixes.put(fix.eventId(), new PendingFix(presence, rows));
            for (TransitionRow row : rows) {
                pendingTransitions.put(row.transition().transitionId(), row);
            }
        }
        announceEnters(presence, outcome.transitions());
        return outcome;
    }

    @Override
    public void linkDecision(String transitionId, String decisionId) {
        TransitionRow pending = pendingTransitions.get(transitionId);
        if (pending != null) {
            pending.linkDecision(decisionId);
            return;
        }
        transaction.executeWithoutResult(status -> transitions.linkDecision(transitionId, decisionId));
    }

    /**
     * Writes the transitions that these fixes produced; runs inside the journal's transaction.
     * The writes stay pending until {@link #forgetPending} so that a rolled-back transaction can write them again.
     */
    void writePending(Collection<String> eventIds) {
        List<TransitionRow> rows = new ArrayList<>();
        for (String eventId : eventIds) {
            PendingFix pending = pendingFixes.get(eventId);
            if (pending == null) {
                continue;
            }
            rows.addAll(pending.transitions());
        }
        transitions.insert(rows);
    }

    /** Drops the pending writes of these fixes once the transaction that wrote them has committed. */
    void forgetPending(Collection<String> eventIds) {
        for (String eventId : eventIds) {
            PendingFix pending = pendingFixes.remove(eventId);
            if (pending == null) {
                continue;
            }
            for (TransitionRow row : pending.transitions()) {
                pendingTransitions.remove(row.transition().transitionId());
            }
        }
    }

    /** Returns the phase of a device at a store's geofence, or null when it is outside or unknown. */
    DevicePresence.Phase phaseAt(String deviceId, String storeId) {
        DevicePresence presence = devices.get(deviceId);
        if (presence == null) {
            return null;
        }
        synchronized (presence) {
            return presence.phaseAt(storeId);
        }
    }

    /** Gives silent devices an exit and removes their state; runs every sweep interval. */
    void sweep() {
        Instant now = clock.instant();
        Instant silentSince = now.minus(limits.silenceTimeout());
        List<TransitionRow> rows = new ArrayList<>();
        Iterator<DevicePresence> all = devices.values().iterator();
        while (all.hasNext()) {
            DevicePresence presence = all.next();
            List<GeofenceTransition> exits;
            synchronized (presence) {
                if (presence.lastSeenAt() == null || presence.lastSeenAt().isAfter(silentSince)) {
                    continue;
                }
                exits = presence.exitAll(Cause.SILENCE, now);
                all.remove();
            }
            rows.addAll(rows(presence, null, exits));
        }
        if (rows.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> transitions.insert(rows));
    }

    @EventListener
    void exitDeletedGeofences(GeofencesRebuilt rebuilt) {
        Instant now = clock.instant();
        List<TransitionRow> rows = new ArrayList<>();
        for (DevicePresence presence : devices.values()) {
            synchronized (presence) {
                List<GeofenceTransition> exits = presence.exitMissing(rebuilt.storeIds(), now);
                if (exits.isEmpty()) {
                    continue;
                }
                rows.addAll(rows(presence, null, exits));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> transitions.insert(rows));
    }

    @PreDestroy
    void stopSweeping() {
        sweeper.shutdownNow();
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException failure) {
            log.error("Presence sweep failed; silent devices keep their state until the next sweep", failure);
        }
    }

    private List<TransitionRow> rows(DevicePresence presence, String eventId, List<GeofenceTransition> happened) {
        if (happened.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<TransitionRow> rows = new ArrayList<>(happened.size());
        for (GeofenceTransition transition : happened) {
            rows.add(new TransitionRow(transition, presence.deviceId(), presence.customerId(), eventId, now));
            log.info("Device {} of customer {}: {} at store {} ({}), transition {}", presence.deviceId(),
                    presence.customerId(), transition.kind(), transition.storeId(), transition.cause(),
                    transition.transitionId());
        }
        return rows;
    }

    private void announceEnters(DevicePresence presence, List<GeofenceTransition> happened) {
        if (presence.customerId() == null) {
            return;
        }
        for (GeofenceTransition transition : happened) {
            if (transition.kind() == GeofenceTransition.Kind.ENTER) {
                events.publishEvent(new StoreEntered(presence.customerId(), presence.deviceId(),
                        transition.storeId(), transition.transitionId(), transition.occurredAt()));
            }
        }
    }

    /** The writes one fix is waiting for: its device's state and the transitions it caused. */
    private record PendingFix(DevicePresence presence, List<TransitionRow> transitions) {
    }
}
