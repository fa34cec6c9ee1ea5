package io.solomo.decision.security;

/** The API roles: applications, business analysts, marketers and administrators. */
public final class Roles {

    public static final String APP = "APP";
    public static final String ANALYST = "ANALYST";
    public static final String MARKETER = "MARKETER";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
