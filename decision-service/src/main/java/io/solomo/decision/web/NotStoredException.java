package io.solomo.decision.web;

/**
 * Thrown when the data that a request carries could not be stored, so nothing of it was acknowledged. The API returns
 * it as a 503 problem, because the client may send the same request again.
 */
public class NotStoredException extends RuntimeException {

    /**
     * @param message what was not stored and why, in words the client can show; without internal details such as SQL
     * @param cause   the failure, for the server's log
     */
    public NotStoredException(String message, Throwable cause) {
        super(message, cause);
    }
}
