package io.solomo.decision.location;

import io.solomo.decision.store.GeofenceIndex;
import io.solomo.decision.store.GeofencesRebuilt;
import io.solomo.model.location.FixOutcome;
import io.solomo.model.location.GeofenceTransition;
import io.solomo.model.location.GeofenceTransition.Cause;
import io.solomo.model.location.LocationFix;
import io.solomo.model.location.PresenceTracker;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.solomo.model.location.StoreEntered;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every device's {@link DevicePresence} in memory and records each transition in {@code geofence_transition}.
 * A background sweep gives devices silent for longer than {@code solomo.location.silence-timeout} a synthetic exit,
 * and a swap of the geofence index exits devices from the geofences it no longer holds.
 *
 * <p>NOTE: device state lives in this JVM only, so after a restart every device starts outside. Two server instances
 * would each see part of a device's fixes. Keeping the state in a table keyed by device would fix both.
 */
@Service
class GeofencePresenceTracker implements PresenceTracker {

    private static final Logger log = LoggerFactory.getLogger(GeofencePresenceTracker.class);

    private final Map<String, DevicePresence> devices = new ConcurrentHashMap<>();
    private final GeofenceIndex geofences;
    private final RecordedTransitionRepository transitions;
    private final TransactionTemplate transaction;
    private final LocationProperties limits;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService sweeper;

    GeofencePresenceTracker(GeofenceIndex geofences, RecordedTransitionRepository transitions,
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
        record(fix.deviceId(), fix.customerId(), fix.eventId(), outcome.transitions());
        return outcome;
    }

    @Override
    public void linkDecision(String transitionId, String decisionId) {
        transaction.executeWithoutResult(status -> transitions.findById(transitionId)
                .ifPresent(transition -> transition.linkDecision(decisionId)));
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
            record(presence.deviceId(), presence.customerId(), null, exits);
        }
    }

    @EventListener
    void exitDeletedGeofences(GeofencesRebuilt rebuilt) {
        Instant now = clock.instant();
        for (DevicePresence presence : devices.values()) {
            List<GeofenceTransition> exits;
            synchronized (presence) {
                exits = presence.exitMissing(rebuilt.storeIds(), now);
            }
            record(presence.deviceId(), presence.customerId(), null, exits);
        }
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

    private void record(String deviceId, String customerId, String eventId, List<GeofenceTransition> happened) {
        if (happened.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<RecordedTransition> rows = new ArrayList<>(happened.size());
        for (GeofenceTransition transition : happened) {
            rows.add(new RecordedTransition(transition, deviceId, customerId, eventId, now));
            log.info("Device {} of customer {}: {} at store {} ({}), transition {}", deviceId, customerId,
                    transition.kind(), transition.storeId(), transition.cause(), transition.transitionId());
        }
        transaction.executeWithoutResult(status -> transitions.saveAll(rows));
        if (customerId == null) {
            return;
        }
        for (GeofenceTransition transition : happened) {
            if (transition.kind() == GeofenceTransition.Kind.ENTER) {
                events.publishEvent(new StoreEntered(customerId, deviceId, transition.storeId(),
                        transition.transitionId(), transition.occurredAt()));
            }
        }
    }
}
