package io.solomo.decision.web;

/** Thrown when a path or body names an entity that does not exist; answered as a 404 problem. */
public class NotFoundException extends RuntimeException {

    private final String field;
    private final String value;

    /**
     * @param entity what was looked for, for example {@code customer}
     * @param field  the request field or path variable that named it
     * @param value  the id that matched nothing
     */
    public NotFoundException(String entity, String field, String value) {
        super("no " + entity + " with id '" + value + "'");
        this.field = field;
        this.value = value;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }
}
