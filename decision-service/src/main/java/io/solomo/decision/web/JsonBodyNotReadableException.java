package io.solomo.decision.web;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Thrown when a JSON request body does not bind, with the bytes of the body. Jackson keeps the value of a field of
 * the wrong type only for some failures, so the problem reads it again from these bytes to name it.
 */
public class JsonBodyNotReadableException extends HttpMessageNotReadableException {

    private final transient byte[] body;

    public JsonBodyNotReadableException(String message, Throwable cause, HttpInputMessage input, byte[] body) {
        super(message, cause, input);
        this.body = body;
    }

    /** Returns the request body as received; the array is shared, not copied. */
    public byte[] body() {
        return body;
    }
}
