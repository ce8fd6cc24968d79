package io.switchboard.reporting.dataapi.policy;

import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A partner admin's management of the Platform Data API's access policies: list, create, change and delete
 * policies, and set which policies each role has. Only the caller's own partner (another partner's path is a
 * 404, like any of its resources).
 */
@Path("/api/partners/{partnerId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AccessPolicyResource {
    private static final int MAX_ID = 36;

    private final AccessPolicies policies;
    private final PartnerContext partner;

    public AccessPolicyResource(AccessPolicies policies, PartnerContext partner) {
        this.policies = policies;
        this.partner = partner;
    }

    /** A policy as an admin writes it: a unique name, an optional description and 1–11 known actions. */
    public record PolicyRequest(@NotBlank @Size(max = AccessPolicies.MAX_NAME) String name,
                                @Size(max = AccessPolicies.MAX_DESCRIPTION) String description,
                                @NotNull @Size(min = 1, max = 50) List<@NotNull @Size(max = 100) String> actions) {
    }

    /** The policies a role has (ids of the partner's policies, at most 50; empty removes them all). */
    public record RolePoliciesRequest(@NotNull @Size(max = 50) List<@NotNull UUID> policies) {
    }

    public record RolePolicies(String role, List<UUID> policies) {
    }

    @GET
    @Path("access-policies")
    public List<AccessPolicy> list(@PathParam("partnerId") @Size(max = 64) String partnerId) throws SQLException {
        return policies.list(own(partnerId));
    }

    @POST
    @Path("access-policies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("partnerId") @Size(max = 64) String partnerId, @Valid PolicyRequest request) throws SQLException {
        String own = own(partnerId);
        AccessPolicy created = policies.create(own, request.name(), request.description(), request.actions());
        return Response.status(201).entity(created).build();
    }

    @PUT
    @Path("access-policies/{policyId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccessPolicy update(@PathParam("partnerId") @Size(max = 64) String partnerId, @PathParam("policyId") @Size(max = 36) String policyId,
                               @Valid PolicyRequest request) throws SQLException {
        String own = own(partnerId);
        UUID id = id(policyId);
        return policies.update(own, id, request.name(), request.description(), request.actions());
    }

    @DELETE
    @Path("access-policies/{policyId}")
    public Response delete(@PathParam("partnerId") @Size(max = 64) String partnerId, @PathParam("policyId") @Size(max = 36) String policyId)
            throws SQLException {
        policies.delete(own(partnerId), id(policyId));
        return Response.noContent().build();
    }

    @GET
    @Path("access-policy-roles")
    public List<RolePolicies> roles(@PathParam("partnerId") @Size(max = 64) String partnerId) throws SQLException {
        Map<String, List<UUID>> roles = policies.roles(own(partnerId));
        return roles.entrySet().stream().map(e -> new RolePolicies(e.getKey(), e.getValue())).toList();
    }

    @PUT
    @Path("access-policy-roles/{role}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RolePolicies assign(@PathParam("partnerId") @Size(max = 64) String partnerId, @PathParam("role") @Size(max = 32) String role,
                               @Valid RolePoliciesRequest request) throws SQLException {
        String own = own(partnerId);
        return new RolePolicies(role, policies.assign(own, role, request.policies()));
    }

    private String own(String partnerId) {
        String own = partner.partnerId();
        if (!own.equals(partnerId)) {
            throw new AggregateNotFoundException("partner", partnerId.length() > 64 ? "?" : partnerId);
        }
        return own;
    }

    private static UUID id(String text) {
        if (text.length() > MAX_ID) {
            throw new AggregateNotFoundException("access policy", "?");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new AggregateNotFoundException("access policy", text);
        }
    }
}
