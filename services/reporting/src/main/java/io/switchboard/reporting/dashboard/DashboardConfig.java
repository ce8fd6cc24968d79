package io.switchboard.reporting.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Where the supervisor dashboard's browser logs in. The browser must reach Keycloak under the very URL the tokens'
 * issuer names (the one this service validates against), so by default it is {@code quarkus.oidc.auth-server-url};
 * a deployment whose services reach Keycloak under an internal name sets the public one here.
 */
@ConfigMapping(prefix = "switchboard.dashboard")
public interface DashboardConfig {
    /** The realm's URL as browsers reach it, e.g. {@code http://127.0.0.1:8180/realms/switchboard}. */
    Optional<String> authServerUrl();

    /** The realm's public client of the dashboard (authorization code flow with PKCE S256). */
    @WithDefault("switchboard-dashboard")
    String clientId();
}
