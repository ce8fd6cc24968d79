package io.switchboard.reporting.dashboard;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The dashboard page's login settings. The page itself is static (META-INF/resources/dashboard/); it asks here
 * which Keycloak realm and client to log in with, so one build serves every deployment. Public: it tells only what
 * any browser sees on Keycloak's login redirect anyway.
 */
@Path("/dashboard/config.json")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {
    private static final String REALMS = "/realms/";
    private final DashboardSettings settings;

    DashboardResource(DashboardConfig config,
                      @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> oidcUrl) {
        String realmUrl = config.authServerUrl().or(() -> oidcUrl).orElse("");
        int cut = realmUrl.lastIndexOf(REALMS);
        settings = cut < 0
                ? new DashboardSettings(null, null, config.clientId())
                : new DashboardSettings(realmUrl.substring(0, cut), realmUrl.substring(cut + REALMS.length()),
                        config.clientId());
    }

    @GET
    @PermitAll
    public DashboardSettings settings() {
        return settings;
    }

    /**
     * What keycloak-js needs: the server's base URL, the realm and the client id. Both URL parts are null when this
     * service validates tokens without a Keycloak (tests): the page then says it cannot log in.
     */
    public record DashboardSettings(String keycloakUrl, String realm, String clientId) {
    }
}
