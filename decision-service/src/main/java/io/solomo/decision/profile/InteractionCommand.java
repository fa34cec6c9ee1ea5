package io.solomo.decision.profile;

import java.util.List;
import java.util.Objects;

/**
 * A checked interaction, ready to store.
 *
 * @param customerId     the profile the sender names, or null to resolve by identities alone
 * @param identities     normalised, without repeats
 * @param attributesJson the interaction's attributes as received, as JSON text
 */
record InteractionCommand(String eventId, String customerId, List<IdentityKey> identities, InteractionFacts facts,
                          String attributesJson) {

    InteractionCommand {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(facts, "facts");
        identities = List.copyOf(identities);
    }
}
