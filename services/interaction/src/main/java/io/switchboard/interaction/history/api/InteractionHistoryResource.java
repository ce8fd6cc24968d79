package io.switchboard.interaction.history.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.interaction.InteractionEvents.InteractionStepRecorded;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.history.domain.Interaction;
import io.switchboard.interaction.history.domain.StepType;
import io.switchboard.interaction.history.store.InteractionStore;
import io.switchboard.interaction.history.store.PhotoStore;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The read side of the Interaction History API (docs/api/interaction-history.md): what
 * an agent needs to help the customer whose visual-IVR interaction led to the call. A call created
 * with an interaction unique id (appended to the dialled number, i.e. its DTMF code) is looked up
 * here by that id.
 */
@Path(InteractionHistoryResource.BASE)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class InteractionHistoryResource {
    public static final String BASE = "/interact/agent/version/{version}/account/{accountID}";
    private static final int KEY = InteractionRequests.KEY;
    /** A photo's path, URL-encoded twice. */
    private static final int PATH = 4_096;

    private final InteractionStore interactions;
    private final PhotoStore photos;
    private final TenantGuard tenant;

    public InteractionHistoryResource(InteractionStore interactions, PhotoStore photos, TenantGuard tenant) {
        this.interactions = interactions;
        this.photos = photos;
        this.tenant = tenant;
    }

    @PathParam("version")
    String version;

    @PathParam("accountID")
    String accountId;

    @HeaderParam(TenantGuard.TENANT_ID)
    String tenantId;

    public record UniqueIdView(String interactionUniqueId) {
    }

    @GET
    @Path("uniqueId/dtmf/{dtmf}")
    public Uni<UniqueIdView> uniqueIdByDtmf(@PathParam("dtmf") @Size(max = KEY) String dtmf) {
        String partnerId = partner();
        return interactions.find(partnerId, accountId, dtmf).map(i -> new UniqueIdView(i.uniqueId()));
    }

    @GET
    @Path("uniqueId/callReturn/{number}")
    public Uni<UniqueIdView> uniqueIdByCallReturn(@PathParam("number") @Size(max = KEY) String number) {
        return byAttribute("call_return_number", number);
    }

    @GET
    @Path("uniqueId/clickToCall/{callerId}")
    public Uni<UniqueIdView> uniqueIdByClickToCall(@PathParam("callerId") @Size(max = KEY) String callerId) {
        return byAttribute("click_to_call_caller_id", callerId);
    }

    @GET
    @Path("uniqueId/historySearchId/{id}")
    public Uni<UniqueIdView> uniqueIdByHistorySearchId(@PathParam("id") @Size(max = KEY) String id) {
        return byAttribute("history_search_id", id);
    }

    private Uni<UniqueIdView> byAttribute(String attribute, String value) {
        String partnerId = partner();
        return interactions.findByAttribute(partnerId, accountId, attribute, value)
                .map(i -> new UniqueIdView(i.uniqueId()));
    }

    @GET
    @Path("interactiondata/{uid}/fullFlow")
    public Uni<List<Map<String, Object>>> fullFlow(@PathParam("uid") @Size(max = KEY) String uid) {
        return byUniqueId(uid, FullFlowView::of);
    }

    @GET
    @Path("interactiondata/{value}/fullFlow/byCallerAttribute")
    public Uni<List<Map<String, Object>>> fullFlowByCallerAttribute(@PathParam("value") @Size(max = KEY) String value,
                                                                    @QueryParam("widerSearch") @Size(max = KEY) String widerSearch) {
        return byCallerAttribute(value, widerSearch, FullFlowView::of);
    }

    @GET
    @Path("interactiondata/{uid}/summary")
    public Uni<SummaryView> summary(@PathParam("uid") @Size(max = KEY) String uid) {
        return byUniqueId(uid, SummaryView::of);
    }

    @GET
    @Path("interactiondata/{value}/summary/byCallerAttribute")
    public Uni<SummaryView> summaryByCallerAttribute(@PathParam("value") @Size(max = KEY) String value,
                                                     @QueryParam("widerSearch") @Size(max = KEY) String widerSearch) {
        return byCallerAttribute(value, widerSearch, SummaryView::of);
    }

    @GET
    @Path("interactiondata/{uid}/variableSet/{setId}")
    public Uni<Map<String, Object>> variableSet(@PathParam("uid") @Size(max = KEY) String uid,
                                                @PathParam("setId") @Size(max = KEY) String setId) {
        return byUniqueId(uid, interaction -> variables(interaction, setId));
    }

    @GET
    @Path("interactiondata/{value}/variableSet/{setName}/byCallerAttribute")
    public Uni<Map<String, Object>> variableSetByCallerAttribute(@PathParam("value") @Size(max = KEY) String value,
                                                                 @PathParam("setName") @Size(max = KEY) String setName,
                                                                 @QueryParam("widerSearch") @Size(max = KEY) String widerSearch) {
        return byCallerAttribute(value, widerSearch, interaction -> variables(interaction, setName));
    }

    /**
     * The photo's bytes, scaled down to fit {@code maxSize} pixels; {@code img_path} is the path from the
     * full flow, URL-encoded twice (and with {@code @@@@@} for the extension's dot, as v7 clients send it).
     */
    @GET
    @Path("photo/{uid}/{imgPath: .+}")
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    public Uni<Response> photo(@PathParam("uid") @Size(max = KEY) String uid,
                               @PathParam("imgPath") @Size(max = PATH) String imgPath,
                               @QueryParam("maxSize") @Size(max = KEY) String maxSize) {
        String partnerId = partner();
        if (uid == null || !FieldChecks.isUniqueId(uid)) {
            throw HistoryProblem.invalidParameter("uid");
        }
        String path = imagePath(imgPath);
        int size = maxSize(maxSize);
        return interactions.find(partnerId, accountId, uid)
                .onFailure(AggregateNotFoundException.class).transform(missing -> HistoryProblem.photoNotFound())
                .map(interaction -> photoIdOf(interaction, path))
                .flatMap(photoId -> photos.find(partnerId, accountId, photoId))
                .map(found -> {
                    PhotoStore.StoredPhoto photo = found.orElseThrow(HistoryProblem::photoNotFound);
                    return Response.ok(PhotoImages.fit(photo.bytes(), photo.contentType(), size), photo.contentType())
                            .build();
                });
    }

    private static UUID photoIdOf(Interaction interaction, String path) {
        List<InteractionStepRecorded> steps = interaction.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            InteractionStepRecorded step = steps.get(i);
            if (StepType.PHOTO.value().equals(step.stepType()) && path.equals(step.value())) {
                return UUID.fromString(step.photoId());
            }
        }
        throw HistoryProblem.photoNotFound();
    }

    private static String imagePath(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw HistoryProblem.invalidParameter("path");
        }
        try {
            // The container decoded the path once; the API encodes it twice (docs/api/interaction-history.md#get-interaction-photo).
            String decoded = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            return decoded.replace("@@@@@", ".");
        } catch (IllegalArgumentException e) {
            throw HistoryProblem.invalidParameter("path");
        }
    }

    private static int maxSize(String value) {
        try {
            int size = Integer.parseInt(value == null ? "" : value.trim());
            if (size < 1 || size > 10_000) {
                throw HistoryProblem.invalidParameter("maxSize");
            }
            return size;
        } catch (NumberFormatException e) {
            throw HistoryProblem.invalidParameter("maxSize");
        }
    }

    private static Map<String, Object> variables(Interaction interaction, String setName) {
        Map<String, Map<String, String>> set = interaction.variableSets().get(setName);
        if (set == null) {
            throw new AggregateNotFoundException("variable set", setName);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        set.forEach((group, values) -> view.put(group, Map.of("data", values)));
        return view;
    }

    private <T> Uni<T> byUniqueId(String uid, Function<Interaction, T> view) {
        String partnerId = partner();
        return interactions.find(partnerId, accountId, uid).map(view);
    }

    private <T> Uni<T> byCallerAttribute(String value, String widerSearch, Function<Interaction, T> view) {
        String partnerId = partner();
        boolean wider = widerSearch(widerSearch);
        return interactions.findByCallerAttribute(partnerId, accountId, value, wider).map(view);
    }

    private static boolean widerSearch(String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidCommandException("widerSearch", "widerSearch is true or false");
    }

    private String partner() {
        return tenant.partnerFor(version, accountId, tenantId);
    }
}
