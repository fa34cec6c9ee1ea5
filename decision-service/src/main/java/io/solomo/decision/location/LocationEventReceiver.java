package io.solomo.decision.location;

import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.profile.CustomerDirectory.ConsentedProfile;
import io.solomo.decision.retention.RetentionSettings;
import io.solomo.decision.web.ConsentMissingException;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.NotStoredException;
import io.solomo.model.location.LocationFix;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.solomo.decision.web.RequestFields.optionalInstant;
import static io.solomo.decision.web.RequestFields.requireLatitude;
import static io.solomo.decision.web.RequestFields.requireLongitude;
import static io.solomo.decision.web.RequestFields.requireText;

/**
 * Checks location fixes sent by mobile apps, attributes them to their customers' current profiles, requires the
 * customers' consent to the use of the precise location, and hands them to the {@link LocationEventIntake}. The
 * location API and the Kafka topic of location fixes both send their fixes here, so both check them the same way.
 */
@Service
public class LocationEventReceiver {

    static final int MAX_BATCH = 1_000;
    private static final int MAX_ID_LENGTH = 100;

    private final LocationEventIntake intake;
    private final CustomerDirectory directory;
    private final Clock clock;
    private final LocationProperties limits;
    private final RetentionSettings retention;

    LocationEventReceiver(LocationEventIntake intake, CustomerDirectory directory, Clock clock,
                          LocationProperties limits, RetentionSettings retention) {
        this.intake = intake;
        this.directory = directory;
        this.clock = clock;
        this.limits = limits;
        this.retention = retention;
    }

    /**
     * Checks, handles and stores one fix.
     *
     * @throws InvalidFieldException   when a field is invalid or the fix is dated implausibly
     * @throws NotFoundException       when the customer id leads to no profile, before or after a merge
     * @throws ConsentMissingException when the customer has not granted the use of the precise location
     * @throws NotStoredException      when the route failed or timed out before it stored the fix
     */
    public Accepted receive(LocationEventBody body) {
        Instant now = clock.instant();
        LocationFix fix = forCurrentProfiles(List.of(body.toFix(now))).get(0);
        FixTimes.requirePlausible("recordedAt", fix.recordedAt(), now, limits, retention);
        boolean fresh = intake.accept(fix);
        return new Accepted(fix.eventId(), fresh ? Accepted.ACCEPTED : Accepted.DUPLICATE);
    }

    /**
     * Checks every fix of a batch of up to {@value #MAX_BATCH} first, then handles and stores them. One invalid fix
     * rejects the whole batch and stores nothing; its error names the fix's index.
     */
    List<Accepted> receiveAll(List<LocationEventBody> bodies) {
        if (bodies == null || bodies.isEmpty() || bodies.size() > MAX_BATCH) {
            throw new InvalidFieldException("body", bodies == null ? null : bodies.size(),
                    "a batch holds 1 to " + MAX_BATCH + " fixes");
        }
        Instant now = clock.instant();
        List<LocationFix> posted = new ArrayList<>(bodies.size());
        for (int index = 0; index < bodies.size(); index++) {
            try {
                posted.add(bodies.get(index).toFix(now));
            } catch (InvalidFieldException invalid) {
                throw inBatch(index, invalid);
            }
        }
        List<LocationFix> fixes = forCurrentProfiles(posted);
        for (int index = 0; index < fixes.size(); index++) {
            try {
                FixTimes.requirePlausible("recordedAt", fixes.get(index).recordedAt(), now, limits, retention);
            } catch (InvalidFieldException invalid) {
                throw inBatch(index, invalid);
            }
        }
        List<Boolean> fresh = intake.acceptAll(fixes);
        List<Accepted> answers = new ArrayList<>(fixes.size());
        for (int i = 0; i < fixes.size(); i++) {
            answers.add(new Accepted(fixes.get(i).eventId(), fresh.get(i) ? Accepted.ACCEPTED : Accepted.DUPLICATE));
        }
        return answers;
    }

    /** Returns the error of one fix of a batch with the fix's index in the field path and the detail. */
    private static InvalidFieldException inBatch(int index, InvalidFieldException invalid) {
        return new InvalidFieldException("[" + index + "]." + invalid.field(), invalid.value(),
                "fix [" + index + "]: " + invalid.getMessage());
    }

    /**
     * Returns the fixes attributed to their customers' current profiles, looked up together: an app that still sends
     * the id of a profile absorbed by a merge reaches the profile that absorbed it.
     *
     * @throws NotFoundException       for the first fix whose customer id leads to no profile, before or after a
     *                                 merge
     * @throws ConsentMissingException for the first fix whose customer has not granted the use of the precise
     *                                 location
     */
    private List<LocationFix> forCurrentProfiles(List<LocationFix> fixes) {
        Set<String> customerIds = new HashSet<>();
        for (LocationFix fix : fixes) {
            customerIds.add(fix.customerId());
        }
        Map<String, ConsentedProfile> profiles = directory.findConsenting(customerIds,
                ConsentPurpose.PRECISE_LOCATION);

        List<LocationFix> attributed = new ArrayList<>(fixes.size());
        for (LocationFix fix : fixes) {
            ConsentedProfile profile = profiles.get(fix.customerId());
            if (profile == null) {
                throw new NotFoundException("customer", "customerId", fix.customerId());
            }
            if (!profile.granted()) {
                throw new ConsentMissingException(profile.customerId(), ConsentPurpose.PRECISE_LOCATION.name());
            }
            attributed.add(profile.customerId().equals(fix.customerId()) ? fix
                    : new LocationFix(fix.eventId(), profile.customerId(), fix.deviceId(), fix.latitude(),
                    fix.longitude(), fix.accuracyMeters(), fix.recordedAt()));
        }
        return attributed;
    }

    /**
     * The outcome of one fix: its event id (generated when the app sent none) and {@code ACCEPTED} when it was new or
     * {@code DUPLICATE} when its event id was already stored.
     */
    public record Accepted(String eventId, String status) {

        public static final String ACCEPTED = "ACCEPTED";
        public static final String DUPLICATE = "DUPLICATE";
    }

    /** A fix as a mobile app sends it; {@code eventId} and {@code recordedAt} are optional. */
    public record LocationEventBody(String eventId, String customerId, String deviceId, Double latitude,
                                    Double longitude, Double accuracyMeters, String recordedAt) {

        LocationFix toFix(Instant now) {
            String id = eventId == null ? UUID.randomUUID().toString() : requireText("eventId", eventId);
            if (id.length() > MAX_ID_LENGTH) {
                throw new InvalidFieldException("eventId", eventId,
                        "eventId must have at most " + MAX_ID_LENGTH + " characters");
            }
            String customer = requireText("customerId", customerId, MAX_ID_LENGTH);
            // geofence_transition.device_id has 100 characters. A longer id would fail only when stored, after the
            // fix was applied, and every retry of its batch would fail the same way.
            String device = requireText("deviceId", deviceId, MAX_ID_LENGTH);
            double checkedLatitude = requireLatitude("latitude", latitude);
            double checkedLongitude = requireLongitude("longitude", longitude);
            if (accuracyMeters != null && (!Double.isFinite(accuracyMeters) || accuracyMeters < 0)) {
                throw new InvalidFieldException("accuracyMeters", accuracyMeters,
                        "accuracyMeters must be a non-negative number of metres, got " + accuracyMeters);
            }
            Instant recorded = optionalInstant("recordedAt", recordedAt);
            return new LocationFix(id, customer, device, checkedLatitude, checkedLongitude, accuracyMeters,
                    recorded == null ? now : recorded);
        }
    }
}
