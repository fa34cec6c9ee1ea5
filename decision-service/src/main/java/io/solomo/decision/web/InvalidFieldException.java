package io.solomo.decision.web;

import java.util.Map;

/** Thrown when a request field is missing or invalid; answered as a 400 problem naming the field and the value. */
public class InvalidFieldException extends RuntimeException {

    private final String field;
    private final transient Object value;
    private final String detailFr;

    /**
     * Creates an exception whose problem has no {@code detailFr}, for endpoints that the console does not call.
     *
     * @param field  the JSON path of the field, for example {@code latitude} or {@code features[3].geometry}
     * @param value  the value received, or null when the field is missing
     * @param detail a sentence saying what is wrong and what is expected
     */
    public InvalidFieldException(String field, Object value, String detail) {
        this(field, value, detail, null);
    }

    /**
     * Creates an exception whose problem carries {@code detail} and its French counterpart {@code detailFr}.
     *
     * @param detailFr the same sentence in French, naming the same field and value, or null. Ordinary spaces are
     *                 enough: the problem gets French typography from {@link FrenchDetails#typeset}.
     */
    public InvalidFieldException(String field, Object value, String detail, String detailFr) {
        super(detail);
        this.field = field;
        this.value = value;
        this.detailFr = detailFr;
    }

    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }

    /** Returns the French sentence of the problem, or null when there is none. */
    public String detailFr() {
        return detailFr;
    }

    /** Returns the properties that the 400 problem carries besides {@code field} and {@code value}, by default none. */
    public Map<String, Object> problemProperties() {
        return Map.of();
    }
}
