package io.solomo.decision.profile;

/**
 * The outcome of one posted interaction.
 *
 * @param customerId the profile it resolved to; null when rejected
 * @param reason     why it was rejected, naming the field; null otherwise
 */
record InteractionResult(String eventId, String customerId, Status status, String reason) {

    enum Status {
        STORED, DUPLICATE, REJECTED
    }

    static InteractionResult stored(String eventId, String customerId) {
        return new InteractionResult(eventId, customerId, Status.STORED, null);
    }

    static InteractionResult duplicate(String eventId, String customerId) {
        return new InteractionResult(eventId, customerId, Status.DUPLICATE, null);
    }

    static InteractionResult rejected(String eventId, String reason) {
        return new InteractionResult(eventId, null, Status.REJECTED, reason);
    }
}
