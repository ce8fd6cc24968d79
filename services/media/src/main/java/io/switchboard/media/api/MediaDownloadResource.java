package io.switchboard.media.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.media.domain.MediaKind;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Switchboard: a stable download path per photo and video, which the reporting service puts in the Manager
 * API's {@code url} (it signs nothing and calls no service). A GET with the caller's credentials answers
 * 302 to a fresh pre-signed GET of the object; another partner's photo or video is 404.
 */
@Path("/apps/api/v1/media")
@RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class MediaDownloadResource {
    private final MediaEndpoints endpoints;
    private final PartnerContext partner;

    public MediaDownloadResource(MediaEndpoints endpoints, PartnerContext partner) {
        this.endpoints = endpoints;
        this.partner = partner;
    }

    @GET
    @Path("/photos/{id}")
    public Uni<Response> photo(@PathParam("id") @Positive long id) {
        return redirect(MediaKind.PHOTO, id);
    }

    @GET
    @Path("/videos/{id}")
    public Uni<Response> video(@PathParam("id") @Positive long id) {
        return redirect(MediaKind.VIDEO, id);
    }

    private Uni<Response> redirect(MediaKind kind, long id) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true); // the target expires; a cached redirect would outlive it
        return endpoints.download(partner.partnerId(), kind, id)
                .map(url -> Response.status(Response.Status.FOUND).location(URI.create(url)).cacheControl(noStore).build());
    }
}
