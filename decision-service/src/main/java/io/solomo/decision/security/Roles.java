package io.solomo.decision.security;

/**
 * The API roles: applications, business analysts, head-office marketers, local marketers (store managers and
 * agencies, limited to the stores and chains of their {@link StoreScope}) and administrators.
 */
public final class Roles {

    public static final String APP = "APP";
    public static final String ANALYST = "ANALYST";
    public static final String MARKETER = "MARKETER";
    public static final String LOCAL_MARKETER = "LOCAL_MARKETER";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
