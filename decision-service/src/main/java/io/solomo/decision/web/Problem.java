package io.solomo.decision.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/**
 * Builder of an RFC 9457 problem that a service raises when a valid request meets a state that rules it out, such
 * as a coupon redeemed already. The problem carries that state as properties, so that a client can show it.
 */
public final class Problem {

    private final HttpStatus status;
    private final ProblemDetail problem;

    private Problem(HttpStatus status, ProblemDetail problem) {
        this.status = status;
        this.problem = problem;
    }

    /**
     * Starts a problem of type {@code urn:solomo:problem:{type}}.
     *
     * @param type   the last part of the type URI, which clients switch on
     * @param title  the short summary, the same for every problem of the type
     * @param detail the sentence that explains this occurrence and what to do next
     */
    public static Problem of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:solomo:problem:" + type));
        problem.setTitle(title);
        return new Problem(status, problem);
    }

    /** Names the request field that the problem is about and its value, shortened as invalid-field problems are. */
    public Problem field(String name, Object value) {
        problem.setProperty("field", name);
        problem.setProperty("value", EchoedValues.shorten(value));
        return this;
    }

    /**
     * Adds the French counterpart of the detail as {@code detailFr}, typeset by {@link FrenchDetails#typeset}.
     * The console shows it to French users.
     */
    public Problem fr(String detailFr) {
        problem.setProperty("detailFr", FrenchDetails.typeset(detailFr));
        return this;
    }

    /** Adds a property of the stored state that conflicts with the request. */
    public Problem with(String name, Object value) {
        problem.setProperty(name, value);
        return this;
    }

    /** Returns the exception that Spring MVC turns into this problem's response. */
    public ErrorResponseException exception() {
        return new ErrorResponseException(status, problem, null);
    }
}
