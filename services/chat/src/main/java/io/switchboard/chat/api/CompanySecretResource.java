package io.switchboard.chat.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.store.CompanySecrets;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Sets the caller's partner's company secret for signed custom data; it is never returned. */
@Path("/apps/api/v1/admin/company-secret")
@RolesAllowed(Roles.ADMIN)
public class CompanySecretResource {

    private final CompanySecrets secrets;

    public CompanySecretResource(CompanySecrets secrets, PartnerContext partner) {
        this.secrets = secrets;
        this.partner = partner;
    }
    private final PartnerContext partner;

    @PUT
    public Uni<Response> set(@NotNull @Valid ChatRequests.CompanySecret request) {
        return secrets.set(partner.partnerId(), request.secret()).map(done -> Response.noContent().build());
    }
}
