package io.solomo.decision.web;

/**
 * Thrown when a request is valid but conflicts with the current state of its resource, such as activating a rule set
 * version whose validation failed. The API returns it as a 409 problem naming the field and the value.
 */
public class StateConflictException extends RuntimeException {

    private final String field;
    private final transient Object value;

    /**
     * @param field  the request field or path variable that names the resource, such as {@code version}
     * @param value  the value received
     * @param detail a sentence saying what conflicts and what to do instead
     */
    public StateConflictException(String field, Object value, String detail) {
        super(detail);
        this.field = field;
        this.value = value;
    }

    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }
}
