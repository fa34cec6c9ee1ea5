package io.solomo.decision.location;

import io.solomo.decision.location.DevicePresence.Snapshot;
import io.solomo.decision.profile.CustomerErased;
import io.solomo.decision.store.GeofenceIndex;
import io.solomo.decision.store.GeofencesRebuilt;
import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.FixOutcome;
import io.solomo.model.location.GeofenceTransition;
import io.solomo.model.location.GeofenceTransition.Cause;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.PresenceTracker;
import io.solomo.model.location.StoreEntered;
import io.solomo.model.location.StoresEntered;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every recently seen device's {@link DevicePresence} in memory and in {@code device_presence}, and records
 * each transition in {@code geofence_transition}. A device missing from memory, after a restart, is read back from
 * its row before its next fix. A background sweep gives devices silent for longer than
 * {@code solomo.location.silence-timeout} a synthetic exit, and a swap of the geofence index exits devices from the
 * geofences it no longer holds.
 *
 * <p>The state and transitions that a fix produced wait in memory until the {@link JpaLocationEventJournal} stores
 * the fix, processed or failed, and are written in the same transaction as that fix, in JDBC batches. So a fix lost
 * in a crash before that commit has left no trace; it was never acknowledged, and its sender sends it again.
 *
 * <p>NOTE: two server instances would each hold part of a device's fixes in memory; the table is read only for
 * devices missing from memory, so it does not keep several instances in step.
 */
@Service
class GeofencePresenceTracker implements PresenceTracker {

    private static final Logger log = LoggerFactory.getLogger(GeofencePresenceTracker.class);

    private final Map<String, DevicePresence> devices = new ConcurrentHashMap<>();
    /** Fixes tracked but not yet stored by the journal, by event id. */
    private final Map<String, PendingFix> pendingFixes = new ConcurrentHashMap<>();
    /** Transitions of those fixes, by transition id, so that a decision can be linked before they are written. */
    private final Map<String, TransitionRow> pendingTransitions = new ConcurrentHashMap<>();
    private final GeofenceIndex geofences;
    private final DevicePresenceStore stored;
    private final TransitionRows transitions;
    private final TransactionTemplate transaction;
    private final LocationProperties limits;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService sweeper;

    GeofencePresenceTracker(GeofenceIndex geofences, DevicePresenceStore stored, TransitionRows transitions,
                            TransactionTemplate transaction, LocationProperties limits, Clock clock,
                            ApplicationEventPublisher events) {
        this.events = events;
        this.geofences = geofences;
        this.stored = stored;
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
    public void loadDevices(List<LocationFix> fixes) {
        Set<String> missing = new LinkedHashSet<>();
        for (LocationFix fix : fixes) {
            if (!devices.containsKey(fix.deviceId())) {
                missing.add(fix.deviceId());
            }
        }
        for (Snapshot snapshot : stored.find(missing)) {
            devices.putIfAbsent(snapshot.deviceId(), DevicePresence.restore(snapshot));
        }
    }

    @Override
    public FixOutcome track(LocationFix fix) {
        DevicePresence presence = devices.computeIfAbsent(fix.deviceId(), this::storedOrNew);
        FixOutcome outcome;
        synchronized (presence) {
            outcome = presence.apply(fix, geofences, limits, clock.instant());
        }
        List<TransitionRow> rows = rows(presence, fix.eventId(), outcome.transitions());
        if (outcome.assessment() == FixAssessment.APPLIED || outcome.assessment() == FixAssessment.SUSPECT) {
            pendingFixes.put(fix.eventId(), new PendingFix(presence, rows, visits(presence, outcome.transitions())));
            for (TransitionRow row : rows) {
                pendingTransitions.put(row.transition().transitionId(), row);
            }
        }
        return outcome;
    }

    @Override
    public void announceVisits(List<LocationFix> fixes) {
        List<StoreEntered> visits = new ArrayList<>();
        for (LocationFix fix : fixes) {
            PendingFix pending = pendingFixes.get(fix.eventId());
            if (pending != null) {
                visits.addAll(pending.visits());
            }
        }
        if (!visits.isEmpty()) {
            events.publishEvent(new StoresEntered(visits));
        }
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
     * Writes the device states and transitions that these fixes produced; runs inside the journal's transaction.
     * The writes stay pending until {@link #forgetPending} so that a rolled-back transaction can write them again.
     */
    void writePending(Collection<String> eventIds) {
        List<TransitionRow> rows = new ArrayList<>();
        Map<String, Snapshot> snapshots = new LinkedHashMap<>();
        for (String eventId : eventIds) {
            PendingFix pending = pendingFixes.get(eventId);
            if (pending == null) {
                continue;
            }
            rows.addAll(pending.transitions());
            DevicePresence presence = pending.presence();
            synchronized (presence) {
                Snapshot snapshot = presence.snapshot();
                if (snapshot != null) {
                    snapshots.put(snapshot.deviceId(), snapshot);
                }
            }
        }
        transitions.insert(rows);
        stored.save(snapshots.values());
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

    /**
     * Gives silent devices an exit and removes their state; runs every sweep interval. Devices known only from
     * their stored row, after a restart, are swept too.
     */
    void sweep() {
        Instant now = clock.instant();
        Instant silentSince = now.minus(limits.silenceTimeout());
        for (Snapshot snapshot : stored.findSilent(silentSince)) {
            devices.putIfAbsent(snapshot.deviceId(), DevicePresence.restore(snapshot));
        }
        List<TransitionRow> rows = new ArrayList<>();
        List<String> silent = new ArrayList<>();
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
            silent.add(presence.deviceId());
            rows.addAll(rows(presence, null, exits));
        }
        if (silent.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            transitions.insert(rows);
            stored.delete(silent);
        });
    }

    /**
     * Drops the devices of an erased customer from memory, so that neither the silence sweep nor a deleted geofence
     * records an exit under the erased id. The erasure deletes their stored rows.
     */
    // NOTE: a fix of such a device that is being handled while the erasure runs can still store its presence and
    // transitions under the erased id.
    @EventListener
    void forgetErasedCustomer(CustomerErased erased) {
        Set<String> customerIds = Set.copyOf(erased.customerIds());
        int before = devices.size();
        // A device whose fixes name no customer has a null customer id, and contains(null) throws on Set.copyOf.
        devices.values().removeIf(presence -> presence.customerId() != null
                && customerIds.contains(presence.customerId()));
        log.debug("{} devices of erased customer {} dropped from memory", before - devices.size(),
                erased.customerIds().get(0));
    }

    @EventListener
    void exitDeletedGeofences(GeofencesRebuilt rebuilt) {
        Instant now = clock.instant();
        List<TransitionRow> rows = new ArrayList<>();
        List<Snapshot> changed = new ArrayList<>();
        for (DevicePresence presence : devices.values()) {
            synchronized (presence) {
                List<GeofenceTransition> exits = presence.exitMissing(rebuilt.storeIds(), now);
                if (exits.isEmpty()) {
                    continue;
                }
                rows.addAll(rows(presence, null, exits));
                changed.add(presence.snapshot());
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            transitions.insert(rows);
            stored.save(changed);
        });
    }

    @PreDestroy
    void stopSweeping() {
        sweeper.shutdownNow();
    }

    private DevicePresence storedOrNew(String deviceId) {
        List<Snapshot> snapshots = stored.find(List.of(deviceId));
        return snapshots.isEmpty() ? new DevicePresence(deviceId) : DevicePresence.restore(snapshots.get(0));
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

    private static List<StoreEntered> visits(DevicePresence presence, List<GeofenceTransition> happened) {
        if (presence.customerId() == null || happened.isEmpty()) {
            return List.of();
        }
        List<StoreEntered> visits = new ArrayList<>(1);
        for (GeofenceTransition transition : happened) {
            if (transition.kind() == GeofenceTransition.Kind.ENTER) {
                visits.add(new StoreEntered(presence.customerId(), presence.deviceId(), transition.storeId(),
                        transition.transitionId(), transition.occurredAt()));
            }
        }
        return visits;
    }

    /**
     * What one fix waits to have written, its device's state and the transitions it caused, with the store visits
     * among those transitions.
     */
    private record PendingFix(DevicePresence presence, List<TransitionRow> transitions, List<StoreEntered> visits) {
    }
}
