package io.solomo.decision.location;

import io.solomo.decision.store.GeoDistance;
import io.solomo.decision.store.GeofenceIndex;
import io.solomo.decision.store.Store;
import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.FixOutcome;
import io.solomo.model.location.GeofenceTransition;
import io.solomo.model.location.GeofenceTransition.Cause;
import io.solomo.model.location.GeofenceTransition.Kind;
import io.solomo.model.location.LocationFix;
import io.solomo.model.offer.ContactContext.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The enter, dwell and exit state machine of one device, on a real geofence index. */
class DevicePresenceTests {

    static final LocationProperties LIMITS = new LocationProperties(1.0, 20, Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30), 70, Duration.ofMinutes(5),
            Instant.parse("2010-01-01T00:00:00Z"), Duration.ofMinutes(1),
            Set.of(Trigger.GEOFENCE_ENTER), new LocationProperties.MonitoredRegions(20, 100));

    private static final double LATITUDE = 48.8532;
    private static final double LONGITUDE = 2.3691;
    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");

    private final GeofenceIndex index = new GeofenceIndex();
    private final DevicePresence device = new DevicePresence("phone-1");
    private int fixes;

    @BeforeEach
    void indexOneStore() {
        index.rebuild(List.of(Store.withCircle("bastille", "Bastille", null, LATITUDE, LONGITUDE, 100,
                ZoneId.of("Europe/Paris"), T0)));
    }

    @Test
    void fixWithAccuracyCircleInsideEnters() {
        FixOutcome outcome = apply(northOfStore(0), 10, T0);

        assertThat(outcome.assessment()).isEqualTo(FixAssessment.APPLIED);
        assertThat(kinds(outcome)).containsExactly(Kind.ENTER);
        assertThat(device.phaseAt("bastille")).isEqualTo(DevicePresence.Phase.ENTERED);
    }

    @Test
    void fixInsideWithWideAccuracyEntersOnlyAfterDelay() {
        FixOutcome first = apply(northOfStore(90), 30, T0);
        FixOutcome early = apply(northOfStore(90), 30, T0.plusSeconds(30));
        FixOutcome late = apply(northOfStore(90), 30, T0.plusSeconds(61));

        assertThat(first.transitions()).isEmpty();
        assertThat(early.transitions()).isEmpty();
        assertThat(kinds(late)).containsExactly(Kind.ENTER);
    }

    @Test
    void fixLessAccurateThanGeofenceChangesNothing() {
        FixOutcome outcome = apply(northOfStore(0), 150, T0);

        assertThat(outcome.transitions()).isEmpty();
        assertThat(device.phaseAt("bastille")).isNull();
    }

    @Test
    void exitNeedsFixFartherOutThanItsAccuracy() {
        apply(northOfStore(0), 10, T0);

        FixOutcome nearEdge = apply(northOfStore(120), 30, T0.plusSeconds(20));
        FixOutcome farOut = apply(northOfStore(140), 30, T0.plusSeconds(40));

        assertThat(nearEdge.transitions()).isEmpty();
        assertThat(kinds(farOut)).containsExactly(Kind.EXIT);
        assertThat(device.phaseAt("bastille")).isNull();
    }

    @Test
    void deviceInsideForDwellTimeDwellsOnce() {
        apply(northOfStore(0), 10, T0);

        FixOutcome before = apply(northOfStore(5), 10, T0.plusSeconds(200));
        FixOutcome after = apply(northOfStore(5), 10, T0.plusSeconds(301));
        FixOutcome again = apply(northOfStore(0), 10, T0.plusSeconds(400));

        assertThat(before.transitions()).isEmpty();
        assertThat(kinds(after)).containsExactly(Kind.DWELL);
        assertThat(again.transitions()).isEmpty();
        assertThat(device.phaseAt("bastille")).isEqualTo(DevicePresence.Phase.DWELLING);
    }

    @Test
    void duplicateFixIsDropped() {
        apply(northOfStore(0), 10, T0);

        FixOutcome replay = apply(northOfStore(0), 10, T0);

        assertThat(replay.assessment()).isEqualTo(FixAssessment.DUPLICATE);
        assertThat(replay.transitions()).isEmpty();
    }

    @Test
    void lateFixDoesNotFlapState() {
        apply(northOfStore(0), 10, T0);
        apply(northOfStore(0), 10, T0.plusSeconds(60));

        FixOutcome late = apply(northOfStore(1_000), 10, T0.plusSeconds(30));

        assertThat(late.assessment()).isEqualTo(FixAssessment.LATE);
        assertThat(late.transitions()).isEmpty();
        assertThat(device.phaseAt("bastille")).isEqualTo(DevicePresence.Phase.ENTERED);
    }

    @Test
    void segmentAcrossGeofenceIsPassThrough() {
        apply(northOfStore(-300), 10, T0);

        FixOutcome across = apply(northOfStore(300), 10, T0.plusSeconds(30));

        assertThat(kinds(across)).containsExactly(Kind.PASS_THROUGH);
        assertThat(across.transitions().get(0).trigger()).isNull();
        assertThat(device.phaseAt("bastille")).isNull();
    }

    @Test
    void silenceBeyondTimeoutExitsBeforeNextFix() {
        apply(northOfStore(0), 10, T0);

        FixOutcome resumed = apply(northOfStore(0), 10, T0.plus(Duration.ofMinutes(45)));

        assertThat(resumed.transitions()).extracting(GeofenceTransition::kind, GeofenceTransition::cause)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.EXIT, Cause.SILENCE),
                        org.assertj.core.groups.Tuple.tuple(Kind.ENTER, Cause.FIX));
    }

    @Test
    void deletedGeofenceExitsDevicesInside() {
        apply(northOfStore(0), 10, T0);

        List<GeofenceTransition> exits = device.exitMissing(Set.of("other-store"), T0.plusSeconds(10));

        assertThat(exits).extracting(GeofenceTransition::kind).containsExactly(Kind.EXIT);
        assertThat(exits).extracting(GeofenceTransition::cause).containsExactly(Cause.GEOFENCE_DELETED);
        assertThat(device.phaseAt("bastille")).isNull();
    }

    @Test
    void impossibleJumpIsSuspectAndChangesNoState() {
        apply(northOfStore(5_000), 10, T0);

        FixOutcome jump = apply(northOfStore(0), 10, T0.plusSeconds(10));

        assertThat(jump.assessment()).isEqualTo(FixAssessment.SUSPECT);
        assertThat(jump.transitions()).isEmpty();
        assertThat(device.phaseAt("bastille")).isNull();
    }

    @Test
    void fixAfterSuspectJumpIsJudgedFromIt() {
        apply(northOfStore(5_000), 10, T0);
        apply(northOfStore(0), 10, T0.plusSeconds(10));

        FixOutcome next = apply(northOfStore(2), 10, T0.plusSeconds(20));

        assertThat(next.assessment()).isEqualTo(FixAssessment.APPLIED);
        assertThat(kinds(next)).containsExactly(Kind.ENTER);
    }

    @Test
    void restoredSnapshotKeepsPhaseAndLastFix() {
        apply(northOfStore(0), 10, T0);

        DevicePresence restored = DevicePresence.restore(device.snapshot());

        assertThat(restored.phaseAt("bastille")).isEqualTo(DevicePresence.Phase.ENTERED);
        assertThat(restored.customerId()).isEqualTo("alice");
        assertThat(applyTo(restored, northOfStore(0), 10, T0).assessment()).isEqualTo(FixAssessment.DUPLICATE);
        assertThat(applyTo(restored, northOfStore(5), 10, T0.minusSeconds(5)).assessment())
                .isEqualTo(FixAssessment.LATE);
        assertThat(applyTo(restored, northOfStore(5_000), 10, T0.plusSeconds(10)).assessment())
                .isEqualTo(FixAssessment.SUSPECT);
    }

    @Test
    void restoredSnapshotExitsOnFixOutside() {
        apply(northOfStore(0), 10, T0);
        DevicePresence restored = DevicePresence.restore(device.snapshot());

        FixOutcome inside = applyTo(restored, northOfStore(5), 10, T0.plusSeconds(30));
        FixOutcome outside = applyTo(restored, northOfStore(500), 10, T0.plusSeconds(60));

        assertThat(inside.transitions()).isEmpty();
        assertThat(kinds(outside)).containsExactly(Kind.EXIT);
    }

    @Test
    void deviceWithoutFixHasNoSnapshot() {
        assertThat(device.snapshot()).isNull();
    }

    private FixOutcome apply(double[] position, double accuracy, Instant at) {
        return applyTo(device, position, accuracy, at);
    }

    private FixOutcome applyTo(DevicePresence presence, double[] position, double accuracy, Instant at) {
        LocationFix fix = new LocationFix("fix-" + (++fixes), "alice", "phone-1", position[0], position[1], accuracy,
                at);
        return presence.apply(fix, index, LIMITS, at);
    }

    /** A position this many metres north of the store's centre (south when negative). */
    private static double[] northOfStore(double meters) {
        return new double[]{LATITUDE + meters / GeoDistance.METERS_PER_DEGREE, LONGITUDE};
    }

    private static List<Kind> kinds(FixOutcome outcome) {
        return outcome.transitions().stream().map(GeofenceTransition::kind).toList();
    }
}
