package io.switchboard.web.credentials;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Set;

/**
 * Admin endpoints for the partner's API credentials (HTTP Basic clients). Every service that uses
 * libs/web serves them for its own API; the token is in the POST answer only.
 */
@Path("/admin/api-credentials")
@RolesAllowed(Roles.ADMIN)
public class ApiCredentialsResource {
    private static final Set<String> GRANTABLE = Set.of(Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN);

    private final ApiCredentialStore store;
    private final PartnerContext partner;
    private final SecurityIdentity identity;

    public ApiCredentialsResource(ApiCredentialStore store, PartnerContext partner, SecurityIdentity identity) {
        this.store = store;
        this.partner = partner;
        this.identity = identity;
    }

    /**
     * Without {@code roles} a credential gets {@code supervisor}: enough to read the Manager API, not to
     * change the directory. Given, {@code roles} is a non-empty list of grantable roles ({@code []} is
     * not a way to ask for the default).
     */
    public record IssueRequest(@NotBlank @Size(max = 100) String name,
                               @Size(min = 1, max = 4) List<@NotNull @Size(max = 32) String> roles) {
    }

    @POST
    public Uni<Response> issue(@Valid IssueRequest request) {
        List<String> roles = request.roles() == null ? List.of(Roles.SUPERVISOR) : request.roles();
        for (String role : roles) {
            if (!GRANTABLE.contains(role)) {
                throw new InvalidCommandException("roles", "roles may only be " + GRANTABLE + ", not '" + role + "'");
            }
        }
        return store.issue(partner.partnerId(), request.name(), roles.stream().distinct().toList(),
                        identity.getPrincipal().getName())
                .map(credential -> Response.status(201).entity(credential).build());
    }

    @GET
    public Uni<List<ApiCredential>> list() {
        return store.list(partner.partnerId());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> revoke(@PathParam("id") long id) {
        return store.revoke(partner.partnerId(), id).map(revoked -> {
            if (!revoked) {
                throw new AggregateNotFoundException("api credential", Long.toString(id));
            }
            return Response.noContent().build();
        });
    }
}
