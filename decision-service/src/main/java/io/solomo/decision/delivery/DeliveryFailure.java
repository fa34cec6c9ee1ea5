package io.solomo.decision.delivery;

/**
 * A failed attempt to hand a message to its provider. A permanent failure (invalid request, rejected credentials)
 * is never retried and goes to the dead-letter store. A transient one (network, 5xx, 429) is retried with backoff.
 * A delivery with no recipient left (no device token, no phone number) is suppressed.
 */
class DeliveryFailure extends RuntimeException {

    enum Kind { TRANSIENT, PERMANENT, NO_RECIPIENT }

    private final Kind kind;
    private final long retryAfterSeconds;

    private DeliveryFailure(Kind kind, String reason, long retryAfterSeconds, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static DeliveryFailure permanent(String reason) {
        return new DeliveryFailure(Kind.PERMANENT, reason, 0, null);
    }

    static DeliveryFailure transientFailure(String reason, Throwable cause) {
        return new DeliveryFailure(Kind.TRANSIENT, reason, 0, cause);
    }

    /** Creates a transient failure after which the provider asked to wait at least {@code retryAfterSeconds}. */
    static DeliveryFailure throttled(String reason, long retryAfterSeconds) {
        return new DeliveryFailure(Kind.TRANSIENT, reason, retryAfterSeconds, null);
    }

    static DeliveryFailure noRecipient(String reason) {
        return new DeliveryFailure(Kind.NO_RECIPIENT, reason, 0, null);
    }

    Kind kind() {
        return kind;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
