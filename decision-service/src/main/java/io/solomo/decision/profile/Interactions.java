package io.solomo.decision.profile;

import io.solomo.decision.web.NotFoundException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.List;

/**
 * Records one interaction for another feature, as if it had been posted to {@code /api/v1/interactions}: the same
 * checks, identity resolution, replay detection and derived attributes. Joins the caller's transaction when there
 * is one, so the interaction is stored only if the caller's work commits.
 */
@Service
public class Interactions {

    private final InteractionRecorder recorder;
    private final CustomerDirectory directory;
    private final Clock clock;

    Interactions(InteractionRecorder recorder, CustomerDirectory directory, Clock clock) {
        this.recorder = recorder;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Stores the interaction, given as the JSON object the interaction API reads.
     *
     * @return the profile it was stored for, and whether it was a replay of a stored event id
     * @throws io.solomo.decision.web.InvalidFieldException naming the invalid field
     * @throws NotFoundException when {@code customerId} names no profile
     */
    public Recorded record(JsonNode interaction, String actor) {
        InteractionCommand command = InteractionRequests.read(interaction, clock.instant());
        if (command.customerId() != null && directory.find(command.customerId()).isEmpty()) {
            throw new NotFoundException("customer", "customerId", command.customerId());
        }
        InteractionResult result = recorder.record(List.of(command), actor).get(0);
        if (result.status() == InteractionResult.Status.REJECTED) {
            throw new IllegalStateException("interaction " + command.eventId() + " was rejected: " + result.reason());
        }
        return new Recorded(result.eventId(), result.customerId(), result.status() == InteractionResult.Status.DUPLICATE);
    }

    /** @param customerId the profile the interaction belongs to, after identity resolution and merges */
    public record Recorded(String eventId, String customerId, boolean replayed) {
    }
}
