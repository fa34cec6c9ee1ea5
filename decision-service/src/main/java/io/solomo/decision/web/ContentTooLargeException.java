package io.solomo.decision.web;

/**
 * Thrown when a request body is larger than its endpoint accepts. The API returns it as a 413 problem that names the
 * limit, and nothing of the request runs.
 */
public class ContentTooLargeException extends RuntimeException {

    private final long limit;
    private final String setting;

    /**
     * @param limit   the largest body accepted, in bytes
     * @param setting the property that sets the limit, named in the message, or null when it is fixed
     */
    public ContentTooLargeException(long limit, String setting) {
        super("the request body is larger than the " + limit + " bytes this endpoint accepts"
                + (setting == null ? "" : " (" + setting + ")"));
        this.limit = limit;
        this.setting = setting;
    }

    public long limit() {
        return limit;
    }

    /** Returns the message in French, for the problem's {@code detailFr}. */
    public String messageFr() {
        return "Le corps de la requête dépasse les " + limit + " octets acceptés par ce point d’accès"
                + (setting == null ? "" : " (" + setting + ")") + ".";
    }
}
