package io.switchboard.web;

/** The realm roles of deploy/keycloak, for {@code @RolesAllowed}. */
public final class Roles {
    public static final String AGENT = "agent";
    public static final String ENHANCED_AGENT = "enhanced-agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    /** System-level (cross-partner) access for platform operators and service-to-service calls. */
    public static final String SYSTEM = "system";

    private Roles() {
    }
}
