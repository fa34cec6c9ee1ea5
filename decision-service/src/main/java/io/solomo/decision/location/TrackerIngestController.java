package io.solomo.decision.location;

import io.solomo.decision.profile.ConsentPurpose;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.retention.RetentionSettings;
import io.solomo.decision.web.ConsentMissingException;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.JsonSyntaxErrors;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.RequestBodies;
import io.solomo.model.location.LocationFix;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.solomo.decision.web.RequestFields.requireLatitude;
import static io.solomo.decision.web.RequestFields.requireLongitude;
import static io.solomo.decision.web.RequestFields.requireStorableStrings;
import static io.solomo.decision.web.RequestFields.requireText;

/**
 * Fixes from open-source tracking apps, so that they can feed the server unchanged.
 *
 * <ul>
 *   <li>OwnTracks HTTP mode: {@code POST /api/v1/ingest/owntracks} with a {@code location} or {@code transition}
 *   message. The device is the {@code X-Limit-D} header (else {@code tid}), the customer the {@code customerId}
 *   query parameter (else the {@code X-Limit-U} user). A transition message counts as a fix at its position: the
 *   server's own state machine decides enter and exit. Other message types are acknowledged and ignored.</li>
 *   <li>OsmAnd and Traccar Client: {@code /api/v1/ingest/osmand} by GET or POST with the fields in the query string
 *   or a form ({@code id} or {@code deviceid}, {@code lat}/{@code lon} or {@code location=lat,lon},
 *   {@code timestamp}, {@code accuracy}, {@code hdop}, {@code speed}, {@code bearing}), or a POST of the JSON that
 *   Traccar Client sends ({@code location.coords}, {@code location.timestamp}, {@code device_id}). The customer is
 *   the {@code customerId} query parameter.</li>
 * </ul>
 * Both answer 200 once the fix is stored (OwnTracks expects a JSON array), 400 for an invalid fix, which is not
 * stored, 404 for an unknown customer and 413 for a body larger than {@value #MAX_BODY_SIZE_SETTING}.
 */
@RestController
@RequestMapping("/api/v1/ingest")
class TrackerIngestController {

    /** Metres of horizontal error per unit of HDOP, a common estimate for phone GPS when no accuracy is sent. */
    private static final double METERS_PER_HDOP = 5.0;
    private static final int MAX_ID_LENGTH = 100;
    static final String MAX_BODY_SIZE_SETTING = "solomo.api.max-tracker-body-size";

    private final LocationEventIntake intake;
    private final CustomerDirectory directory;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final LocationProperties limits;
    private final RetentionSettings retention;
    private final int maxBodyBytes;

    TrackerIngestController(LocationEventIntake intake, CustomerDirectory directory,
                            ObjectMapper mapper, Clock clock, LocationProperties limits,
                            RetentionSettings retention,
                            @Value("${" + MAX_BODY_SIZE_SETTING + ":64KB}") DataSize maxBodySize) {
        this.intake = intake;
        this.directory = directory;
        this.mapper = mapper;
        this.clock = clock;
        this.limits = limits;
        this.retention = retention;
        this.maxBodyBytes = (int) RequestBodies.limitInBytes(MAX_BODY_SIZE_SETTING, maxBodySize,
                RequestBodies.MAX_ARRAY_LIMIT);
    }

    @PostMapping("/owntracks")
    List<Object> ownTracks(HttpServletRequest request,
                           @RequestParam(name = "customerId", required = false) String customerId,
                           @RequestHeader(name = "X-Limit-U", required = false) String user,
                           @RequestHeader(name = "X-Limit-D", required = false) String device)
            throws IOException {
        JsonNode message = json(RequestBodies.readRequired(request, maxBodyBytes, MAX_BODY_SIZE_SETTING));
        String type = TrackerPayloads.text(message, "_type");
        if (!"location".equals(type) && !"transition".equals(type)) {
            return List.of();
        }
        // OwnTracks may send its headers empty when the user or device name is not set in the app.
        String headerUser = user == null || user.isBlank() ? null : user;
        String headerDevice = device == null || device.isBlank() ? null : device;
        if (customerId == null && headerUser == null) {
            throw new InvalidFieldException("customerId", null, "the customer is missing: add ?customerId= to the "
                    + "URL, or send the X-Limit-U header (OwnTracks' user name)");
        }
        String customer = requireText("customerId", customerId != null ? customerId : headerUser);
        String tid = TrackerPayloads.text(message, "tid");
        if (headerDevice == null && tid == null) {
            throw new InvalidFieldException("X-Limit-D", null, "the device is missing: send the X-Limit-D header "
                    + "(OwnTracks' device name, sent in HTTP mode) or tid in the message");
        }
        String deviceId = requireText("X-Limit-D", headerDevice != null ? headerDevice : tid);
        double latitude = requireLatitude("lat", TrackerPayloads.number(message, "lat", "lat"));
        double longitude = requireLongitude("lon", TrackerPayloads.number(message, "lon", "lon"));
        Instant recordedAt = TrackerPayloads.timestamp(TrackerPayloads.text(message, "tst"), "tst");
        if (recordedAt == null) {
            throw new InvalidFieldException("tst", null, "tst, the fix's time in epoch seconds, is missing");
        }
        Double accuracy = TrackerPayloads.unlessNegative(TrackerPayloads.number(message, "acc", "acc"));
        TrackerPayloads.unlessNegative(TrackerPayloads.number(message, "vel", "vel"));
        TrackerPayloads.unlessNegative(TrackerPayloads.number(message, "cog", "cog"));
        accept("ot", customer, deviceId, latitude, longitude, accuracy, recordedAt);
        return List.of();
    }

    @RequestMapping(path = "/osmand", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Void> osmAnd(@RequestParam Map<String, String> parameters, HttpServletRequest request)
            throws IOException {
        // Tomcat has already parsed a form body into the parameters, so this reads nothing more of it, but its
        // Content-Length is still checked against the limit.
        byte[] body = RequestBodies.read(request, maxBodyBytes, MAX_BODY_SIZE_SETTING);
        String customer = requireText("customerId", parameters.get("customerId"));
        if (body.length > 0 && body[0] == '{') {
            osmAndJson(customer, json(body));
        } else {
            osmAndQuery(customer, parameters);
        }
        return ResponseEntity.ok().build();
    }

    private void osmAndQuery(String customer, Map<String, String> parameters) {
        String deviceId = requireText("id", parameters.getOrDefault("id", parameters.get("deviceid")));
        Double latitude = TrackerPayloads.number(parameters.get("lat"), "lat");
        Double longitude = TrackerPayloads.number(parameters.get("lon"), "lon");
        String location = parameters.get("location");
        if (latitude == null && longitude == null && location != null) {
            String[] parts = location.split(",");
            if (parts.length != 2) {
                throw new InvalidFieldException("location", location, "location must be 'latitude,longitude'");
            }
            latitude = TrackerPayloads.number(parts[0], "location");
            longitude = TrackerPayloads.number(parts[1], "location");
        }
        Instant recordedAt = TrackerPayloads.timestamp(parameters.get("timestamp"), "timestamp");
        Double accuracy = TrackerPayloads.unlessNegative(TrackerPayloads.number(parameters.get("accuracy"),
                "accuracy"));
        if (accuracy == null) {
            accuracy = TrackerPayloads.unlessNegative(TrackerPayloads.number(parameters.get("hacc"), "hacc"));
        }
        if (accuracy == null) {
            Double hdop = TrackerPayloads.number(parameters.get("hdop"), "hdop");
            accuracy = hdop == null || hdop <= 0 ? null : hdop * METERS_PER_HDOP;
        }
        TrackerPayloads.unlessNegative(TrackerPayloads.number(parameters.get("speed"), "speed"));
        TrackerPayloads.unlessNegative(TrackerPayloads.number(parameters.getOrDefault("bearing",
                parameters.get("heading")), "bearing"));
        accept("osmand", customer, deviceId, requireLatitude("lat", latitude), requireLongitude("lon", longitude),
                accuracy, recordedAt != null ? recordedAt : clock.instant());
    }

    private void osmAndJson(String customer, JsonNode message) {
        String deviceId = requireText("device_id", TrackerPayloads.text(message, "device_id"));
        JsonNode location = message.path("location");
        JsonNode coords = location.path("coords");
        double latitude = requireLatitude("location.coords.latitude",
                TrackerPayloads.number(coords, "latitude", "location.coords.latitude"));
        double longitude = requireLongitude("location.coords.longitude",
                TrackerPayloads.number(coords, "longitude", "location.coords.longitude"));
        Double accuracy = TrackerPayloads.unlessNegative(
                TrackerPayloads.number(coords, "accuracy", "location.coords.accuracy"));
        TrackerPayloads.unlessNegative(TrackerPayloads.number(coords, "speed", "location.coords.speed"));
        TrackerPayloads.unlessNegative(TrackerPayloads.number(coords, "heading", "location.coords.heading"));
        Instant recordedAt = TrackerPayloads.timestamp(TrackerPayloads.text(location, "timestamp"),
                "location.timestamp");
        accept("osmand", customer, deviceId, latitude, longitude, accuracy,
                recordedAt != null ? recordedAt : clock.instant());
    }

    private void accept(String source, String customerId, String deviceId, double latitude, double longitude,
                        Double accuracy, Instant recordedAt) {
        if (deviceId.length() > MAX_ID_LENGTH) {
            throw new InvalidFieldException("deviceId", deviceId, "the device id must have at most " + MAX_ID_LENGTH
                    + " characters");
        }
        Instant now = clock.instant();
        FixTimes.requirePlausible("timestamp", recordedAt, now, limits, retention);
        String currentId = directory.find(customerId)
                .map(Customer::customerId)
                .orElseThrow(() -> new NotFoundException("customer", "customerId", customerId));
        if (!directory.hasGranted(currentId, ConsentPurpose.PRECISE_LOCATION)) {
            throw new ConsentMissingException(currentId, ConsentPurpose.PRECISE_LOCATION.name());
        }
        String eventId = TrackerPayloads.eventId(source, deviceId, recordedAt, latitude, longitude);
        intake.accept(new LocationFix(eventId, currentId, deviceId, latitude, longitude, accuracy, recordedAt));
    }

    private JsonNode json(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidFieldException("body", null, "the body must be a JSON object");
            }
            requireStorableStrings(node, "");
            return node;
        } catch (JacksonException malformed) {
            throw new InvalidFieldException("body", null, "the body is not valid JSON: "
                    + JsonSyntaxErrors.describe(malformed));
        }
    }
}
