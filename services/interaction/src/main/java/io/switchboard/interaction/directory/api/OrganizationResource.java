package io.switchboard.interaction.directory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.interaction.directory.domain.Organization;
import io.switchboard.interaction.directory.domain.OrganizationCommand.UpdateOrganization;
import io.switchboard.interaction.directory.store.Organizations;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.time.Clock;

/**
 * The partner's organization settings (name, time zone, language). Existing Manager API clients read
 * them with {@code GET /manager/api/v1/settings/organization} (the reporting service, which projects
 * {@code OrganizationUpdated}); the partner's admin changes them here. Fields left out of the body keep
 * their value.
 */
@Path("/manager/api/v1/settings/organization")
@RolesAllowed(Roles.ADMIN)
public class OrganizationResource {
    private final Organizations organizations;
    private final Caller caller;
    private final Clock clock;

    public OrganizationResource(Organizations organizations, Caller caller, Clock clock) {
        this.organizations = organizations;
        this.caller = caller;
        this.clock = clock;
    }

    /** The settings as the reporting service answers them once the event is projected. */
    public record OrganizationView(String id, String name, String subdomain, String timeZone, String language,
                                   String updatedAt) {
        static OrganizationView of(Organization organization) {
            return new OrganizationView(organization.partnerId(), organization.name(), organization.partnerId(),
                    organization.timeZone(), organization.language(), Views.time(organization.updatedAt()));
        }
    }

    @PUT
    public Uni<OrganizationView> update(JsonNode json) {
        Body body = Body.of(json);
        return organizations.handle(caller.partnerId(), new UpdateOrganization(body.patch("name", body::text),
                        body.patch("time_zone", body::text), body.patch("language", body::text), caller.userId(),
                        WireTime.now(clock)))
                .map(OrganizationView::of);
    }
}
