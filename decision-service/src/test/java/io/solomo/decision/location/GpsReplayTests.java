package io.solomo.decision.location;

import io.solomo.decision.retention.RetentionSettings;
import io.solomo.decision.store.GeofenceIndex;
import io.solomo.decision.store.Store;
import io.solomo.decision.support.SharedData;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.model.location.FixAssessment;
import io.solomo.model.location.FixOutcome;
import io.solomo.model.location.GeofenceTransition;
import io.solomo.model.location.GeofenceTransition.Kind;
import io.solomo.model.location.LocationFix;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Replays real traces through the presence state machine. */
class GpsReplayTests {

    private static final String CAR_TRIP = "gps/gpxpy__around-visnjan-with-car.gpx";
    private static final String PHONE_TRACK = "gps/binateq-gps-track-filter__138513.rwt.json";
    /** The recorded tracks are years old, so these checks run with the retention of location fixes off. */
    private static final RetentionSettings NO_RETENTION = new RetentionSettings(null, null, null, null, 500);
    private static final Pattern TRACK_POINT = Pattern.compile(
            "<trkpt lat=\"([-0-9.]+)\" lon=\"([-0-9.]+)\">.*?<time>([^<]+)</time>", Pattern.DOTALL);
    /** The car stands still until this time, then again from {@link #PARKED_AGAIN}. */
    private static final Instant DRIVES_OFF = Instant.parse("2020-12-18T06:16:54Z");
    private static final Instant PARKED_AGAIN = Instant.parse("2020-12-18T06:22:36Z");

    @Test
    void parkedJitterCausesNoFalseExitFromSmallGeofence() throws Exception {
        List<LocationFix> trip = carTrip();
        double[] parking = centroid(trip.stream().filter(fix -> fix.recordedAt().isBefore(DRIVES_OFF)).toList());
        GeofenceIndex index = new GeofenceIndex();
        index.rebuild(List.of(Store.withCircle("parking", null, null, parking[0], parking[1], 25,
                ZoneId.of("Europe/Zagreb"), Instant.EPOCH)));
        DevicePresence car = new DevicePresence("car");

        List<GeofenceTransition> transitions = new ArrayList<>();
        for (LocationFix fix : trip) {
            transitions.addAll(car.apply(fix, index, DevicePresenceTests.LIMITS, fix.recordedAt()).transitions());
        }

        List<GeofenceTransition> exitsWhileParked = transitions.stream()
                .filter(transition -> transition.kind() == Kind.EXIT)
                .filter(transition -> transition.occurredAt().isBefore(DRIVES_OFF)
                        || !transition.occurredAt().isBefore(PARKED_AGAIN))
                .toList();
        assertThat(exitsWhileParked).isEmpty();
        assertThat(transitions).extracting(GeofenceTransition::kind).containsSubsequence(Kind.ENTER, Kind.EXIT);
        assertThat(transitions.stream().filter(transition -> transition.kind() == Kind.EXIT)).hasSize(1);
    }

    @Test
    void phoneFixesDatedByGpsRolloverAreRejected() throws Exception {
        Optional<Path> file = SharedData.file(PHONE_TRACK);
        assumeTrue(file.isPresent(), SharedData.absent(PHONE_TRACK));
        JsonNode track = JsonMapper.builder().build().readTree(Files.readAllBytes(file.get()));
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        DevicePresence phone = new DevicePresence("phone");
        GeofenceIndex noStores = new GeofenceIndex();

        int rejected = 0;
        int from2001 = 0;
        List<FixAssessment> assessments = new ArrayList<>();
        for (JsonNode location : track.get("Locations")) {
            Instant at = OffsetDateTime.parse(location.get("Timestamp").asString()).toInstant();
            from2001 += at.toString().startsWith("2001") ? 1 : 0;
            try {
                FixTimes.requirePlausible("recordedAt", at, now, DevicePresenceTests.LIMITS,
                        NO_RETENTION);
            } catch (InvalidFieldException tooOld) {
                rejected++;
                continue;
            }
            LocationFix fix = new LocationFix("fix-" + location.get("Index").asInt(), "c", "phone",
                    location.get("Latitude").doubleValue(), location.get("Longitude").doubleValue(), null, at);
            FixOutcome outcome = phone.apply(fix, noStores, DevicePresenceTests.LIMITS, at);
            assessments.add(outcome.assessment());
        }

        assertThat(from2001).isPositive();
        assertThat(rejected).isEqualTo(from2001);
        assertThat(assessments).isNotEmpty().doesNotContain(FixAssessment.LATE);
    }

    @Test
    void fixDatedAfterClockSkewIsRejected() {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        assertThatThrownBy(() -> FixTimes.requirePlausible("recordedAt", now.plusSeconds(600), now,
                DevicePresenceTests.LIMITS, NO_RETENTION)).isInstanceOf(InvalidFieldException.class);
    }

    private static List<LocationFix> carTrip() throws Exception {
        Optional<Path> file = SharedData.file(CAR_TRIP);
        assumeTrue(file.isPresent(), SharedData.absent(CAR_TRIP));
        Matcher points = TRACK_POINT.matcher(Files.readString(file.get()));
        List<LocationFix> fixes = new ArrayList<>();
        while (points.find()) {
            fixes.add(new LocationFix("car-" + fixes.size(), "c", "car", Double.parseDouble(points.group(1)),
                    Double.parseDouble(points.group(2)), null, Instant.parse(points.group(3))));
        }
        assertThat(fixes).hasSizeGreaterThan(50);
        return fixes;
    }

    private static double[] centroid(List<LocationFix> fixes) {
        double latitude = 0;
        double longitude = 0;
        for (LocationFix fix : fixes) {
            latitude += fix.latitude();
            longitude += fix.longitude();
        }
        return new double[]{latitude / fixes.size(), longitude / fixes.size()};
    }
}
