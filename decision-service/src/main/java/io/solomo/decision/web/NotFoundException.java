package io.solomo.decision.web;

/** Thrown when a path or body names an entity that does not exist; answered as a 404 problem. */
public class NotFoundException extends RuntimeException {

    private final String field;
    private final String value;
    private final String detailFr;

    /**
     * Creates an exception whose problem has no {@code detailFr}, for endpoints that the console does not call.
     *
     * @param entity what was looked for, for example {@code customer}
     * @param field  the request field or path variable that named it
     * @param value  the id that matched nothing
     */
    public NotFoundException(String entity, String field, String value) {
        this(entity, field, value, null);
    }

    /**
     * Creates an exception whose problem carries a French {@code detailFr} beside the English detail.
     *
     * @param detailFr the French sentence naming the same id, such as {@code Aucune offre n’a l’identifiant « X ».}
     */
    public NotFoundException(String entity, String field, String value, String detailFr) {
        super("no " + entity + " with id '" + value + "'");
        this.field = field;
        this.value = value;
        this.detailFr = detailFr;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    /** Returns the French sentence of the problem, or null when there is none. */
    public String detailFr() {
        return detailFr;
    }
}
