package io.solomo.decision.profile;

/**
 * The outcome of one posted interaction.
 *
 * @param customerId the profile it resolved to; null when rejected
 * @param reason     why it was rejected, naming the field; null otherwise
 * @param field      the field that was rejected, such as {@code attributes.amount}; null when stored or when the
 *                   rejection is about no single field
 * @param value      the rejected value of that field as sent; null when stored, or when the field was missing
 */
public record InteractionResult(String eventId, String customerId, Status status, String reason, String field,
                         Object value) {

    public enum Status {
        STORED, DUPLICATE, REJECTED
    }

    static InteractionResult stored(String eventId, String customerId) {
        return new InteractionResult(eventId, customerId, Status.STORED, null, null, null);
    }

    static InteractionResult duplicate(String eventId, String customerId) {
        return new InteractionResult(eventId, customerId, Status.DUPLICATE, null, null, null);
    }

    static InteractionResult rejected(String eventId, String reason) {
        return new InteractionResult(eventId, null, Status.REJECTED, reason, null, null);
    }

    static InteractionResult rejected(String eventId, String reason, String field, Object value) {
        return new InteractionResult(eventId, null, Status.REJECTED, reason, field, value);
    }
}
