package io.solomo.decision.profile;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.RejectUnknownFields;
import io.solomo.decision.web.RequestFields;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Profiles, preferences and consents. Every path accepts the id of an absorbed profile and answers with the
 * profile that absorbed it.
 */
@RestController
class CustomerController {

    static final int MAX_SOURCE_LENGTH = 100;

    private final CustomerProfiles profiles;

    CustomerController(CustomerProfiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/v1/customers/{customerId}")
    ProfileView profile(@PathVariable String customerId) {
        return profiles.profile(customerId);
    }

    @GetMapping("/api/v1/customers/{customerId}/preferences")
    ProfileView.PreferencesView preferences(@PathVariable String customerId) {
        return profiles.preferences(customerId);
    }

    /**
     * Changes preferences: {@code channels} (most preferred first), {@code language} ({@code fr} or {@code en}),
     * {@code timeZone} (an IANA id) and {@code quietHours} ({@code {"start": "22:00", "end": "07:30"}}, or null to
     * remove them). Fields left out keep their value.
     */
    @PutMapping("/api/v1/customers/{customerId}/preferences")
    ProfileView.PreferencesView changePreferences(@PathVariable String customerId, @RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidFieldException("preferences", body.toString(), "preferences must be a JSON object");
        }
        RequestFields.requireKnownFields(body, "", List.of("channels", "language", "timeZone", "quietHours"));
        List<Channel> channels = channels(body.get("channels"));
        Language language = language(body.get("language"));
        ZoneId timeZone = timeZone(body.get("timeZone"));
        boolean quietHoursChanged = body.has("quietHours");
        LocalTime[] quietHours = quietHours(body.get("quietHours"));
        return profiles.changePreferences(customerId, new CustomerProfiles.PreferenceChange(channels, language,
                timeZone, quietHoursChanged, quietHours[0], quietHours[1]));
    }

    @GetMapping("/api/v1/customers/{customerId}/consents")
    ProfileView.ConsentsView consents(@PathVariable String customerId) {
        return profiles.consents(customerId);
    }

    /**
     * Records a consent decision: {@code purpose} ({@code MARKETING} with a {@code channel}, or
     * {@code PRECISE_LOCATION} without), {@code status}, {@code source} and an optional {@code recordedAt}.
     */
    @PostMapping("/api/v1/customers/{customerId}/consents")
    @ResponseStatus(HttpStatus.CREATED)
    ProfileView.ConsentsView recordConsent(@PathVariable String customerId, @RequestBody ConsentBody body) {
        ConsentPurpose purpose = parse(ConsentPurpose.class, "purpose", body.purpose());
        Channel channel = RequestFields.optionalChannel("channel", body.channel());
        if (purpose == ConsentPurpose.MARKETING && channel == null) {
            throw new InvalidFieldException("channel", null, "a MARKETING consent needs a channel, one of "
                    + Channel.names());
        }
        if (purpose != ConsentPurpose.MARKETING && channel != null) {
            throw new InvalidFieldException("channel", body.channel(), "a " + purpose
                    + " consent is not tied to a channel; leave channel out");
        }
        ConsentStatus status = parse(ConsentStatus.class, "status", body.status());
        String source = RequestFields.requireText("source", body.source());
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new InvalidFieldException("source", source, "source must have at most " + MAX_SOURCE_LENGTH
                    + " characters");
        }
        if (source.equals(CustomerImporter.CONSENT_SOURCE)) {
            // An import may grant again what an import withdrew, so a decision posted here must not pass for one.
            throw new InvalidFieldException("source", source, "source '" + source + "' is reserved for customer "
                    + "imports; name where the person gave this decision, such as app-settings");
        }
        return profiles.recordConsent(customerId, purpose, channel, status, source,
                RequestFields.optionalInstant("recordedAt", body.recordedAt()));
    }

    /** A consent decision as the app or a back office posts it. */
    @RejectUnknownFields
    record ConsentBody(String purpose, String channel, String status, String source, String recordedAt) {
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, value, field + " is missing; expected one of " + names);
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException(field, value, "unknown " + field + " '" + value + "'; expected one of "
                    + names);
        }
    }

    private static List<Channel> channels(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidFieldException("channels", received(node), "channels must be an array such as "
                    + "[\"PUSH\", \"EMAIL\"], most preferred first");
        }
        Set<Channel> channels = new LinkedHashSet<>();
        for (int index = 0; index < node.size(); index++) {
            JsonNode item = node.get(index);
            String field = "channels[" + index + "]";
            Channel channel = RequestFields.optionalChannel(field, item.isString() ? item.asString() : "");
            if (!channels.add(channel)) {
                throw new InvalidFieldException(field, channel.name(), field + ": " + channel
                        + " is listed twice");
            }
        }
        return new ArrayList<>(channels);
    }

    private static Language language(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String code = node.isString() ? node.asString().trim().toLowerCase(Locale.ROOT) : "";
        if (!code.equals("fr") && !code.equals("en")) {
            throw new InvalidFieldException("language", received(node), "language must be fr or en");
        }
        return Language.fromCode(code);
    }

    private static ZoneId timeZone(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String id = node.asString().trim();
        // An offset such as +02:00 or UTC+2 is a valid ZoneId but not an IANA id: it never changes with daylight
        // saving time, so the customer's quiet hours and caps would drift by an hour half of the year.
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw new InvalidFieldException("timeZone", received(node),
                    "timeZone must be an IANA time zone id such as Europe/Paris, not an offset such as +02:00");
        }
        return ZoneId.of(id);
    }

    private static LocalTime[] quietHours(JsonNode node) {
        if (node == null || node.isNull()) {
            return new LocalTime[2];
        }
        if (!node.isObject()) {
            throw new InvalidFieldException("quietHours", received(node),
                    "quietHours must be {\"start\": \"22:00\", \"end\": \"07:30\"} or null");
        }
        RequestFields.requireKnownFields(node, "quietHours", List.of("start", "end"));
        LocalTime start = time(node.get("start"), "quietHours.start");
        LocalTime end = time(node.get("end"), "quietHours.end");
        if (start.equals(end)) {
            throw new InvalidFieldException("quietHours.end", end.toString(),
                    "quietHours.end must differ from quietHours.start");
        }
        return new LocalTime[] {start, end};
    }

    /** Returns a received JSON value as the problem's {@code value}: a string as its text, anything else as JSON. */
    private static String received(JsonNode node) {
        return node.isString() ? node.asString() : node.toString();
    }

    private static LocalTime time(JsonNode node, String field) {
        if (node == null || !node.isString()) {
            throw new InvalidFieldException(field, node == null ? null : received(node),
                    field + " must be a local time such as 22:00");
        }
        try {
            return LocalTime.parse(node.asString().trim());
        } catch (DateTimeParseException invalid) {
            throw new InvalidFieldException(field, node.asString(), field + " must be a local time such as 22:00");
        }
    }
}
