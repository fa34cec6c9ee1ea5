package io.solomo.decision.location;

import io.solomo.decision.store.GeoDistance;
import io.solomo.decision.store.GeofenceIndex;
import io.solomo.decision.store.GeofenceProximity;
import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.FixOutcome;
import io.solomo.model.location.GeofenceTransition;
import io.solomo.model.location.GeofenceTransition.Cause;
import io.solomo.model.location.GeofenceTransition.Kind;
import io.solomo.model.location.LocationFix;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One device's state at every geofence near it: outside (no entry), entered, dwelling; an exit removes the entry.
 * Not thread-safe: callers lock the instance.
 *
 * <p>The rules, in the order they apply to a fix:
 * <ol>
 *   <li>A fix with the time and position of the latest applied fix is a duplicate and is dropped; a fix older than
 *   it is late and changes nothing.</li>
 *   <li>After a silence longer than the timeout, the device first leaves every geofence it was in.</li>
 *   <li>A fix reached from the previous one only faster than the speed limit, beyond both accuracy radii, is suspect:
 *   it becomes the reference for the next speed check but changes no geofence state.</li>
 *   <li>At each geofence whose size is at least the fix's accuracy divided by the accuracy ratio: the device enters
 *   when the fix and its accuracy circle are inside, or when its fixes stayed inside for the enter delay; it dwells
 *   after the dwell time inside; it leaves when the fix is farther out than its accuracy.</li>
 *   <li>A geofence crossed by the segment from the previous fix, while both fixes are outside it, is a pass-through.
 *   </li>
 * </ol>
 */
final class DevicePresence {

    /** Phase of a device at one geofence; "outside" and "exited" have no entry. */
    enum Phase {
        /** Fixes inside, but not yet long or precisely enough to enter. */
        PENDING,
        ENTERED,
        DWELLING
    }

    private static final double SAME_POSITION_DEGREES = 1e-7;

    private final String deviceId;
    private final Map<String, State> states = new HashMap<>();
    private String customerId;
    private Instant lastFixAt;
    private double lastLatitude;
    private double lastLongitude;
    private double lastAccuracy;
    private Instant lastSeenAt;

    DevicePresence(String deviceId) {
        this.deviceId = deviceId;
    }

    /** Rebuilds a device's presence from a stored snapshot. */
    static DevicePresence restore(Snapshot snapshot) {
        DevicePresence presence = new DevicePresence(snapshot.deviceId());
        presence.customerId = snapshot.customerId();
        presence.lastFixAt = snapshot.lastFixAt();
        presence.lastLatitude = snapshot.lastLatitude();
        presence.lastLongitude = snapshot.lastLongitude();
        presence.lastAccuracy = snapshot.lastAccuracyMeters();
        presence.lastSeenAt = snapshot.lastSeenAt();
        for (GeofenceState geofence : snapshot.geofences()) {
            presence.states.put(geofence.storeId(),
                    new State(geofence.phase(), geofence.since(), geofence.sizeMeters()));
        }
        return presence;
    }

    /** Returns the state to store, or null before the device's first applied fix. */
    Snapshot snapshot() {
        if (lastFixAt == null) {
            return null;
        }
        List<GeofenceState> geofences = new ArrayList<>(states.size());
        for (Map.Entry<String, State> entry : states.entrySet()) {
            State state = entry.getValue();
            geofences.add(new GeofenceState(entry.getKey(), state.phase, state.since, state.sizeMeters));
        }
        return new Snapshot(deviceId, customerId, lastFixAt, lastLatitude, lastLongitude, lastAccuracy, lastSeenAt,
                geofences);
    }

    /** Applies one fix; {@code receivedAt} is the server clock, used to find silent devices. */
    FixOutcome apply(LocationFix fix, GeofenceIndex geofences, LocationProperties limits, Instant receivedAt) {
        Instant at = fix.recordedAt();
        double accuracy = fix.accuracyMeters() != null ? fix.accuracyMeters() : limits.defaultAccuracyMeters();
        if (lastFixAt != null && at.equals(lastFixAt) && samePosition(fix)) {
            return new FixOutcome(FixAssessment.DUPLICATE, List.of());
        }
        if (lastFixAt != null && !at.isAfter(lastFixAt)) {
            return new FixOutcome(FixAssessment.LATE, List.of());
        }

        customerId = fix.customerId();
        lastSeenAt = receivedAt;
        List<GeofenceTransition> transitions = new ArrayList<>();
        boolean resumed = lastFixAt != null
                && Duration.between(lastFixAt, at).compareTo(limits.silenceTimeout()) > 0;
        if (resumed) {
            transitions.addAll(exitAll(Cause.SILENCE, lastFixAt.plus(limits.silenceTimeout())));
        }
        if (lastFixAt != null && !resumed && tooFast(fix, accuracy, limits)) {
            remember(fix, accuracy);
            return new FixOutcome(FixAssessment.SUSPECT, transitions);
        }

        Map<String, GeofenceProximity> near = new HashMap<>();
        for (GeofenceProximity proximity : geofences.near(fix.latitude(), fix.longitude(), accuracy)) {
            near.put(proximity.storeId(), proximity);
        }
        Set<String> concerned = new LinkedHashSet<>(states.keySet());
        concerned.addAll(near.keySet());
        for (String storeId : concerned) {
            GeofenceProximity proximity = near.get(storeId);
            State state = states.get(storeId);
            double size = proximity != null ? proximity.sizeMeters() : state.sizeMeters;
            if (accuracy > limits.maxAccuracyRatio() * size) {
                continue;
            }
            double distance = proximity != null ? proximity.boundaryDistanceMeters() : Double.POSITIVE_INFINITY;
            advance(storeId, size, distance, accuracy, at, limits, transitions);
        }

        if (lastFixAt != null && !resumed) {
            passThroughs(fix, accuracy, near, geofences, limits, transitions);
        }
        remember(fix, accuracy);
        return new FixOutcome(FixAssessment.APPLIED, transitions);
    }

    private void advance(String storeId, double size, double distance, double accuracy, Instant at,
                         LocationProperties limits, List<GeofenceTransition> transitions) {
        State state = states.get(storeId);
        if (state == null || state.phase == Phase.PENDING) {
            if (distance <= -accuracy) {
                states.put(storeId, State.entered(size, at));
                transitions.add(transition(storeId, Kind.ENTER, Cause.FIX, at));
            } else if (distance <= 0 && state == null) {
                states.put(storeId, State.pending(size, at));
            } else if (distance <= 0 && !at.isBefore(state.since.plus(limits.enterAfter()))) {
                states.put(storeId, State.entered(size, at));
                transitions.add(transition(storeId, Kind.ENTER, Cause.FIX, at));
            } else if (distance > 0) {
                states.remove(storeId);
            }
            return;
        }
        if (distance > accuracy) {
            states.remove(storeId);
            transitions.add(transition(storeId, Kind.EXIT, Cause.FIX, at));
            return;
        }
        if (state.phase == Phase.ENTERED && distance <= 0 && !at.isBefore(state.since.plus(limits.dwellAfter()))) {
            state.phase = Phase.DWELLING;
            transitions.add(transition(storeId, Kind.DWELL, Cause.FIX, at));
        }
    }

    private void passThroughs(LocationFix fix, double accuracy, Map<String, GeofenceProximity> near,
                              GeofenceIndex geofences, LocationProperties limits,
                              List<GeofenceTransition> transitions) {
        List<String> crossed = geofences.crossedBy(lastLatitude, lastLongitude, fix.latitude(), fix.longitude());
        for (String storeId : crossed) {
            GeofenceProximity now = near.get(storeId);
            boolean outsideNow = now == null || !now.inside();
            boolean unknownBefore = !states.containsKey(storeId) && !wasInside(transitions, storeId);
            if (outsideNow && unknownBefore) {
                transitions.add(transition(storeId, Kind.PASS_THROUGH, Cause.FIX, fix.recordedAt()));
            }
        }
    }

    private static boolean wasInside(List<GeofenceTransition> transitions, String storeId) {
        for (GeofenceTransition transition : transitions) {
            if (transition.storeId().equals(storeId)) {
                return true;
            }
        }
        return false;
    }

    private boolean tooFast(LocationFix fix, double accuracy, LocationProperties limits) {
        double meters = GeoDistance.meters(lastLatitude, lastLongitude, fix.latitude(), fix.longitude());
        double beyondAccuracy = meters - accuracy - lastAccuracy;
        if (beyondAccuracy <= 0) {
            return false;
        }
        double seconds = Duration.between(lastFixAt, fix.recordedAt()).toNanos() / 1e9;
        return beyondAccuracy > limits.maxSpeedMetersPerSecond() * seconds;
    }

    /** Exits every geofence the device is inside, as when it fell silent. */
    List<GeofenceTransition> exitAll(Cause cause, Instant at) {
        List<GeofenceTransition> transitions = new ArrayList<>();
        Iterator<Map.Entry<String, State>> entries = states.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, State> entry = entries.next();
            if (entry.getValue().phase != Phase.PENDING) {
                transitions.add(transition(entry.getKey(), Kind.EXIT, cause, at));
            }
            entries.remove();
        }
        return transitions;
    }

    /** Exits the geofences that are no longer in the index, because their store was deleted. */
    List<GeofenceTransition> exitMissing(Set<String> existing, Instant at) {
        List<GeofenceTransition> transitions = new ArrayList<>();
        Iterator<Map.Entry<String, State>> entries = states.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, State> entry = entries.next();
            if (existing.contains(entry.getKey())) {
                continue;
            }
            if (entry.getValue().phase != Phase.PENDING) {
                transitions.add(transition(entry.getKey(), Kind.EXIT, Cause.GEOFENCE_DELETED, at));
            }
            entries.remove();
        }
        return transitions;
    }

    /** Returns the device's phase at a geofence, or null when it is outside. */
    Phase phaseAt(String storeId) {
        State state = states.get(storeId);
        return state == null ? null : state.phase;
    }

    String deviceId() {
        return deviceId;
    }

    String customerId() {
        return customerId;
    }

    Instant lastSeenAt() {
        return lastSeenAt;
    }

    private void remember(LocationFix fix, double accuracy) {
        lastFixAt = fix.recordedAt();
        lastLatitude = fix.latitude();
        lastLongitude = fix.longitude();
        lastAccuracy = accuracy;
    }

    private boolean samePosition(LocationFix fix) {
        return Math.abs(fix.latitude() - lastLatitude) < SAME_POSITION_DEGREES
                && Math.abs(fix.longitude() - lastLongitude) < SAME_POSITION_DEGREES;
    }

    private static GeofenceTransition transition(String storeId, Kind kind, Cause cause, Instant at) {
        return new GeofenceTransition(UUID.randomUUID().toString(), storeId, kind, cause, at);
    }

    /**
     * A device's presence as stored between restarts.
     *
     * @param lastFixAt          the time of the latest applied fix, the reference for late and duplicate fixes
     * @param lastAccuracyMeters the accuracy of the latest applied fix, used with its position in the speed check
     * @param lastSeenAt         the server time of the latest fix, used to find silent devices
     * @param geofences          the geofences the device is inside or about to enter
     */
    record Snapshot(String deviceId, String customerId, Instant lastFixAt, double lastLatitude,
                    double lastLongitude, double lastAccuracyMeters, Instant lastSeenAt,
                    List<GeofenceState> geofences) {
    }

    /** The phase of a device at one geofence, since when, and the geofence's size in metres. */
    record GeofenceState(String storeId, Phase phase, Instant since, double sizeMeters) {
    }

    private static final class State {
        private Phase phase;
        private final Instant since;
        private final double sizeMeters;

        private State(Phase phase, Instant since, double sizeMeters) {
            this.phase = phase;
            this.since = since;
            this.sizeMeters = sizeMeters;
        }

        static State pending(double sizeMeters, Instant since) {
            return new State(Phase.PENDING, since, sizeMeters);
        }

        static State entered(double sizeMeters, Instant since) {
            return new State(Phase.ENTERED, since, sizeMeters);
        }
    }
}
