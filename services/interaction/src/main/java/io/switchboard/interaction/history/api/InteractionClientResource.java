package io.switchboard.interaction.history.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.events.interaction.InteractionEvents.InteractionStepRecorded;
import io.switchboard.eventstore.decider.CommandResult;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.history.domain.Interaction;
import io.switchboard.interaction.history.domain.InteractionCommand;
import io.switchboard.interaction.history.domain.InteractionCommand.Answer;
import io.switchboard.interaction.history.domain.InteractionCommand.Element;
import io.switchboard.interaction.history.domain.InteractionCommand.End;
import io.switchboard.interaction.history.domain.InteractionCommand.SetVariables;
import io.switchboard.interaction.history.domain.InteractionCommand.ShowScreen;
import io.switchboard.interaction.history.domain.StepType;
import io.switchboard.interaction.history.store.InteractionStore;
import io.switchboard.interaction.history.store.PhotoStore;
import io.switchboard.web.Roles;
import io.switchboard.web.input.OptionalBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The write side for the mobile / visual-IVR client: start an interaction (and get the number to
 * dial with its unique id appended), record the screens shown and what the user chose, typed or
 * photographed, set user variables, end it. Same base path and headers as the history API.
 */
@Path(InteractionHistoryResource.BASE + "/interactions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM})
public class InteractionClientResource {

    private final InteractionStore interactions;
    private final PhotoStore photos;
    private final TenantGuard tenant;
    private final UriInfo uri;

    @PathParam("version")
    String version;

    @PathParam("accountID")
    String accountId;

    @HeaderParam(TenantGuard.TENANT_ID)
    String tenantId;

    private static final int KEY = InteractionRequests.KEY;
    /** A device path of a photo. */
    private static final int PATH = 1_024;

    private final Clock clock;

    public InteractionClientResource(InteractionStore interactions, PhotoStore photos, TenantGuard tenant,
                                     UriInfo uri, Clock clock) {
        this.interactions = interactions;
        this.photos = photos;
        this.tenant = tenant;
        this.uri = uri;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> start(@Valid InteractionRequests.StartInteraction request) {
        String partnerId = partner();
        return interactions.start(partnerId, accountId, request.uniqueId(), request.dialledNumber(),
                        request.callerAttributes(), now())
                .map(interaction -> Response.created(uri.getRequestUriBuilder().path(interaction.uniqueId()).build())
                        .entity(InteractionView.of(interaction)).build());
    }

    @GET
    @Path("{uid}")
    public Uni<InteractionView> get(@PathParam("uid") @Size(max = KEY) String uid) {
        String partnerId = partner();
        return interactions.find(partnerId, accountId, uid).map(InteractionView::of);
    }

    @POST
    @Path("{uid}/steps")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> step(@PathParam("uid") @Size(max = KEY) String uid, @Valid InteractionRequests.RecordStep request) {
        String partnerId = partner();
        StepType type = StepType.of(request.stepType()).filter(t -> t != StepType.PHOTO)
                .orElseThrow(() -> new InvalidCommandException("step_type",
                        "step_type is screen, choice or input (photos are uploaded to .../photos)"));
        InteractionCommand command = type == StepType.SCREEN
                ? new ShowScreen(request.screenId(), request.screenTitle(), request.header(), elements(request), now())
                : new Answer(type, request.screenId(), request.elementId(), request.value(), null, now());
        return interactions.handle(partnerId, accountId, uid, command).map(this::stepCreated);
    }

    /**
     * A photo step: the body is the image (PNG or JPEG, at most 5 MB); {@code screen_id} and {@code element_id}
     * (required, and so in the OpenAPI document) name the photo element of the current screen; {@code img_path}
     * is the path the full flow shows for it (the device's path; generated when absent).
     */
    @POST
    @Path("{uid}/photos")
    @Consumes({"image/png", "image/jpeg"})
    public Uni<Response> photo(@PathParam("uid") @Size(max = KEY) String uid,
                               @QueryParam("screen_id") @Parameter(required = true) @Size(max = KEY) String screenId,
                               @QueryParam("element_id") @Parameter(required = true) @Size(max = KEY) String elementId,
                               @QueryParam("img_path") @Size(max = PATH) String imgPath,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        String partnerId = partner();
        String declared = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        PhotoImages.Decoded image = PhotoImages.decode(body, declared);
        UUID photoId = UUID.randomUUID();
        String path = imgPath != null ? imgPath : "/interactions/" + uid + "/photos/" + photoId + "." + image.extension();
        Answer command = new Answer(StepType.PHOTO, screenId, elementId, path, photoId.toString(), now());
        PhotoStore.StoredPhoto stored = new PhotoStore.StoredPhoto(image.contentType(), image.width(), image.height(), body);
        // Refuse before storing bytes; if the step still loses (a race), take the bytes back out.
        return interactions.precheck(partnerId, accountId, uid, command)
                .flatMap(state -> photos.save(photoId, partnerId, accountId, Long.parseLong(state.id()), stored))
                .flatMap(saved -> interactions.handle(partnerId, accountId, uid, command)
                        .onFailure().call(failure -> photos.delete(photoId)))
                .map(this::stepCreated);
    }

    /** Sets variables of a named set; the body has the shape Get User Variable Set answers with. */
    @PUT
    @Path("{uid}/variableSet/{setName}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> setVariables(@PathParam("uid") @Size(max = KEY) String uid,
                                                 @PathParam("setName") @Size(max = KEY) String setName,
                                                 @Valid @Size(max = InteractionRequests.ENTRIES)
                                                 Map<@Size(max = KEY) String, InteractionRequests.@Valid VariableGroup> groups) {
        String partnerId = partner();
        if (groups.isEmpty()) {
            throw new InvalidCommandException("body", "give the variables as {\"<group>\": {\"data\": {...}}}");
        }
        Map<String, Map<String, String>> variables = new LinkedHashMap<>();
        groups.forEach((group, values) -> {
            if (values == null || values.data() == null) {
                throw new InvalidCommandException(group + ".data", "give the group's variables in data");
            }
            variables.put(group, values.data());
        });
        return interactions.handle(partnerId, accountId, uid, new SetVariables(setName, variables, now())).map(result -> {
            Map<String, Object> view = new LinkedHashMap<>();
            result.state().variableSets().get(setName).forEach((group, values) -> view.put(group, Map.of("data", values)));
            return view;
        });
    }

    @POST
    @Path("{uid}/end")
    public Uni<InteractionView> end(@PathParam("uid") @Size(max = KEY) String uid,
                                    @OptionalBody @Valid InteractionRequests.EndInteraction request) {
        String partnerId = partner();
        String reason = request == null ? null : request.reason();
        return interactions.handle(partnerId, accountId, uid, new End(reason, now()))
                .map(result -> InteractionView.of(result.state()));
    }

    private Response stepCreated(CommandResult<Interaction> result) {
        InteractionStepRecorded step = (InteractionStepRecorded) result.events().get(0).data();
        return Response.status(Response.Status.CREATED).entity(StepView.of(result.state().uniqueId(), step)).build();
    }

    private static List<Element> elements(InteractionRequests.RecordStep request) {
        if (request.elements() == null) {
            return List.of();
        }
        return request.elements().stream()
                .map(e -> e == null ? null : new Element(e.id(), e.label(), e.presentation()))
                .toList();
    }

    private Instant now() {
        return WireTime.now(clock);
    }

    private String partner() {
        return tenant.partnerFor(version, accountId, tenantId);
    }
}
