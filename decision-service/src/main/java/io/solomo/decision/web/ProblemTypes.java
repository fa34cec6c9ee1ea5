package io.solomo.decision.web;

import java.net.URI;

/** Stable RFC 9457 problem type URIs; clients may switch on them. */
public final class ProblemTypes {

    public static final URI INVALID_FIELD = URI.create("urn:solomo:problem:invalid-field");
    public static final URI MALFORMED_BODY = URI.create("urn:solomo:problem:malformed-body");
    public static final URI NOT_FOUND = URI.create("urn:solomo:problem:not-found");
    public static final URI CONSENT_MISSING = URI.create("urn:solomo:problem:consent-missing");
    public static final URI RULE_FAILED = URI.create("urn:solomo:problem:rule-failed");
    public static final URI UNAUTHORIZED = URI.create("urn:solomo:problem:unauthorized");
    public static final URI FORBIDDEN = URI.create("urn:solomo:problem:forbidden");
    public static final URI NOT_STORED = URI.create("urn:solomo:problem:not-stored");
    public static final URI BUSY = URI.create("urn:solomo:problem:busy");
    public static final URI DATABASE_UNAVAILABLE = URI.create("urn:solomo:problem:database-unavailable");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("urn:solomo:problem:unsupported-media-type");
    public static final URI NOT_ACCEPTABLE = URI.create("urn:solomo:problem:not-acceptable");
    public static final URI METHOD_NOT_ALLOWED = URI.create("urn:solomo:problem:method-not-allowed");
    public static final URI CONTENT_TOO_LARGE = URI.create("urn:solomo:problem:content-too-large");
    public static final URI REJECTED_REQUEST = URI.create("urn:solomo:problem:rejected-request");
    public static final URI CROSS_SITE_REQUEST = URI.create("urn:solomo:problem:cross-site-request");

    private ProblemTypes() {
    }
}
