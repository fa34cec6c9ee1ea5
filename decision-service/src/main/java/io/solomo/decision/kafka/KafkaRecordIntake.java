package io.solomo.decision.kafka;

import io.solomo.decision.location.LocationEventReceiver;
import io.solomo.decision.location.LocationEventReceiver.LocationEventBody;
import io.solomo.decision.profile.InteractionIntake;
import io.solomo.decision.profile.InteractionResult;
import io.solomo.decision.web.ConsentMissingException;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.JsonValueErrors;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.StrictJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Hands the value of one inbound Kafka record to the intake that the HTTP API uses, read with the same JSON rules,
 * and turns each rejection for which the API returns a 4xx status into a {@link Rejection}. Any other failure, such
 * as the database being down, is thrown, so that the record is not committed and is read again.
 */
class KafkaRecordIntake {

    /** The actor recorded for profiles that an interaction from Kafka creates or merges. */
    static final String ACTOR = "kafka";

    private final InteractionIntake interactions;
    private final LocationEventReceiver locations;
    private final ObjectReader interactionReader;
    private final ObjectReader locationReader;

    KafkaRecordIntake(InteractionIntake interactions, LocationEventReceiver locations, JsonMapper jsonMapper) {
        this.interactions = interactions;
        this.locations = locations;
        // As the API reads an interaction: as a tree whose decimals stay exact, with duplicate keys rejected.
        this.interactionReader = StrictJson.rejectingDuplicateKeys(jsonMapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS));
        this.locationReader = StrictJson.rejectingDuplicateKeys(jsonMapper.readerFor(LocationEventBody.class));
    }

    /**
     * Stores one interaction, or returns why it was rejected.
     *
     * @throws InteractionNotStoredException when the interaction kept losing races with concurrent writers
     */
    Optional<Rejection> interaction(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(Rejection.EMPTY);
        }
        try {
            JsonNode node = interactionReader.readTree(value);
            InteractionResult result = interactions.accept(node, ACTOR);
            if (result.status() == InteractionResult.Status.REJECTED) {
                // The API returns 409 here so that the client sends it again. Reading the record again does the same.
                throw new InteractionNotStoredException(result.eventId(), result.reason());
            }
            return Optional.empty();
        } catch (JacksonException unreadable) {
            return Optional.of(Rejection.of(unreadable, value));
        } catch (InvalidFieldException | NotFoundException | ConsentMissingException rejected) {
            return Optional.of(Rejection.of(rejected));
        }
    }

    /** Stores one location fix, or returns why it was rejected. */
    Optional<Rejection> locationFix(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(Rejection.EMPTY);
        }
        try {
            LocationEventBody body = locationReader.readValue(value);
            locations.receive(body);
            return Optional.empty();
        } catch (JacksonException unreadable) {
            return Optional.of(Rejection.of(unreadable, value));
        } catch (InvalidFieldException | NotFoundException | ConsentMissingException rejected) {
            return Optional.of(Rejection.of(rejected));
        }
    }

    /**
     * The reason why the intake rejected a record, in the words of the API's 4xx problem.
     *
     * @param field  the rejected field, such as {@code attributes.amount}; null when no single field is at fault
     * @param value  the rejected value as sent; null when the field was missing or no field is at fault
     * @param reason the problem's detail
     */
    record Rejection(String field, Object value, String reason) {

        static final Rejection EMPTY = new Rejection(null, null, "the record has no value; send one JSON object");

        static Rejection of(RuntimeException rejected) {
            if (rejected instanceof InvalidFieldException invalid) {
                return new Rejection(invalid.field(), invalid.value(), invalid.getMessage());
            }
            if (rejected instanceof NotFoundException notFound) {
                return new Rejection(notFound.field(), notFound.value(), notFound.getMessage());
            }
            ConsentMissingException noConsent = (ConsentMissingException) rejected;
            return new Rejection("customerId", noConsent.customerId(), noConsent.getMessage());
        }

        static Rejection of(JacksonException unreadable, String value) {
            JsonValueErrors.FieldError error = JsonValueErrors.describeUnreadable(unreadable,
                    value.getBytes(StandardCharsets.UTF_8));
            return new Rejection(error.field(), error.value(), error.detail());
        }
    }

    /** Thrown when an interaction was not stored for a reason that may pass, so that its record is read again. */
    static final class InteractionNotStoredException extends RuntimeException {

        InteractionNotStoredException(String eventId, String reason) {
            super("interaction " + eventId + " was not stored: " + reason + "; its record will be read again");
        }
    }
}
