package io.solomo.decision.web;

import java.time.Duration;

/**
 * Thrown when a request waited for a free slot longer than allowed. The API returns it as a 503 problem with a
 * {@code Retry-After} header, because nothing of the request ran and sending it again later is safe.
 */
public class ServerBusyException extends RuntimeException {

    private final transient Duration retryAfter;

    /**
     * @param message    what was busy and for how long, in words the client can show
     * @param retryAfter when to send the request again
     */
    public ServerBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
