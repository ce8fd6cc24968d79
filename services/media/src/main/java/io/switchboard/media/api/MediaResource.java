package io.switchboard.media.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.media.api.MediaEndpoints.Ref;
import io.switchboard.media.api.MediaEndpoints.Target;
import io.switchboard.media.api.MediaViews.MediaView;
import io.switchboard.media.api.MediaViews.UploadFormView;
import io.switchboard.media.domain.Channel;
import io.switchboard.media.domain.MediaKind;
import io.switchboard.web.CallerIdentity;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import io.switchboard.web.input.OptionalBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.util.ArrayList;
import java.util.List;

/**
 * Photos and videos of chats and calls (docs/api/chat.md#photos-and-videos): the same six endpoints under
 * {@code /apps/api/v1/chats/{chat_id}} and {@code /apps/api/v1/calls/{call_id}}, for the caller's partner only.
 */
@RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public abstract class MediaResource {
    private final MediaEndpoints endpoints;
    private final PartnerContext partner;
    private final CallerIdentity caller;
    private final SecurityIdentity identity;
    private final Channel channel;

    protected MediaResource(Channel channel, MediaEndpoints endpoints, PartnerContext partner, CallerIdentity caller,
                                SecurityIdentity identity) {
        this.channel = channel;
        this.endpoints = endpoints;
        this.partner = partner;
        this.caller = caller;
        this.identity = identity;
    }

    private Target target(long id, MediaKind kind) {
        return new Target(partner.partnerId(), channel, id, kind);
    }

    @POST
    @Path("/{id}/photos/upload")
    public Uni<UploadFormView> photoUpload(@PathParam("id") @Positive long id, @OptionalBody @Valid MediaRequests.Upload request) {
        return endpoints.upload(target(id, MediaKind.PHOTO), request);
    }

    @POST
    @Path("/{id}/photos")
    public Uni<MediaView> attachPhotos(@PathParam("id") @Positive long id, @Valid MediaRequests.AttachPhotos request) {
        List<Ref> refs = new ArrayList<>();
        for (int i = 0; i < request.photo().size(); i++) {
            MediaRequests.PhotoRef photo = request.photo().get(i);
            refs.add(new Ref("photo[" + i + "].s3_path", photo.s3Path(), photo.photoType() == null ? "photo" : photo.photoType()));
        }
        return endpoints.attach(target(id, MediaKind.PHOTO), refs, caller, identity);
    }

    @GET
    @Path("/{id}/photos")
    public Uni<List<MediaView>> photos(@PathParam("id") @Positive long id) {
        return endpoints.list(target(id, MediaKind.PHOTO));
    }

    @POST
    @Path("/{id}/videos/upload")
    public Uni<UploadFormView> videoUpload(@PathParam("id") @Positive long id, @OptionalBody @Valid MediaRequests.Upload request) {
        return endpoints.upload(target(id, MediaKind.VIDEO), request);
    }

    @POST
    @Path("/{id}/videos")
    public Uni<MediaView> attachVideo(@PathParam("id") @Positive long id, @Valid MediaRequests.AttachVideo request) {
        if (request.video().gcsPath() != null && !request.video().gcsPath().isBlank()) {
            throw new InvalidCommandException("video.gcs_path",
                    "this service stores media in an S3-compatible store: send s3_path, not gcs_path");
        }
        return endpoints.attach(target(id, MediaKind.VIDEO), List.of(new Ref("video.s3_path", request.video().s3Path(), null)),
                caller, identity);
    }

    @GET
    @Path("/{id}/videos")
    public Uni<List<MediaView>> videos(@PathParam("id") @Positive long id) {
        return endpoints.list(target(id, MediaKind.VIDEO));
    }

    /** {@code /apps/api/v1/chats/{chat_id}/…}. */
    @Path("/apps/api/v1/chats")
    public static class Chats extends MediaResource {
        public Chats(MediaEndpoints endpoints, PartnerContext partner, CallerIdentity caller, SecurityIdentity identity) {
            super(Channel.CHAT, endpoints, partner, caller, identity);
        }
    }

    /** {@code /apps/api/v1/calls/{call_id}/…}. */
    @Path("/apps/api/v1/calls")
    public static class Calls extends MediaResource {
        public Calls(MediaEndpoints endpoints, PartnerContext partner, CallerIdentity caller, SecurityIdentity identity) {
            super(Channel.CALL, endpoints, partner, caller, identity);
        }
    }
}
