package io.switchboard.interaction.call.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.call.domain.Call;
import io.switchboard.interaction.call.domain.CallCommand;
import io.switchboard.interaction.call.domain.CallCommand.Connect;
import io.switchboard.interaction.call.domain.CallCommand.CreateCall;
import io.switchboard.interaction.call.domain.CallCommand.DialThirdParty;
import io.switchboard.interaction.call.domain.CallCommand.End;
import io.switchboard.interaction.call.domain.CallCommand.Hold;
import io.switchboard.interaction.call.domain.CallCommand.Join;
import io.switchboard.interaction.call.domain.CallCommand.Leave;
import io.switchboard.interaction.call.domain.CallCommand.Queue;
import io.switchboard.interaction.call.domain.CallCommand.RecordVoicemail;
import io.switchboard.interaction.call.domain.CallCommand.Resume;
import io.switchboard.interaction.call.domain.CallCommand.Ring;
import io.switchboard.interaction.call.domain.CallCommand.StartTransfer;
import io.switchboard.interaction.call.domain.CallCommand.UpdateCustomerFlags;
import io.switchboard.interaction.call.domain.CallParticipant;
import io.switchboard.interaction.call.store.CallMedia;
import io.switchboard.interaction.call.store.CallStore;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import io.switchboard.web.input.BodyGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Voice calls on the Apps API path (docs/api/calls.md): create, read (an extension), customer
 * flags and third-party dialling for the contact-center roles; the lifecycle steps the telephony
 * integration reports ({@code POST /calls/{id}/events/{step}}) for the {@code system} role only.
 */
@Path("/apps/api/v1/calls")
@RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class CallResource {
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    /** For steps that create neither participants nor transfers: no sequence round trip. */
    private static final CallStore.Ids NO_IDS = new CallStore.Ids(0, List.of(0L, 0L), 0);

    private final CallStore calls;
    private final CallMedia media;
    private final PartnerContext partner;
    private final UriInfo uri;
    private final ObjectMapper mapper;
    private final CallActors actors;
    private final Validator validator;
    private final Clock clock;

    public CallResource(CallStore calls, CallMedia media, PartnerContext partner, UriInfo uri, ObjectMapper mapper,
                        CallActors actors, Validator validator, Clock clock) {
        this.calls = calls;
        this.media = media;
        this.partner = partner;
        this.uri = uri;
        this.mapper = mapper;
        this.actors = actors;
        this.validator = validator;
        this.clock = clock;
    }

    @POST
    public Uni<Response> create(@Valid CallRequests.CreateCall request) {
        String partnerId = partner.partnerId();
        Long menuId = id(request.menuId(), "menu_id");
        Long parentId = id(request.callId(), "call_id");
        Uni<Void> parentKnown = parentId == null ? Uni.createFrom().voidItem()
                : calls.findIfExists(partnerId, parentId).map(parent -> {
                    if (parent.isEmpty()) {
                        throw new InvalidCommandException("call_id", "call_id " + parentId + " is not found");
                    }
                    return null;
                });
        return parentKnown
                .flatMap(ignored -> actors.requireMenu(partnerId, menuId, "menu_id"))
                .flatMap(ignored -> actors.actingAgent(partnerId, request.agentId(), request.agentEmail()))
                .flatMap(agentId -> calls.nextIds(true).flatMap(ids -> calls.handle(partnerId, ids.callId(),
                        new CreateCall(ids.callId(), request.callType(), request.lang(), request.endUserNumber(),
                                request.dialedNumber(), request.ticketId(), agentId, request.agentEmail(),
                                request.outboundNumber(), menuId, parentId, request.recordingPermission(),
                                request.scheduledAt(), ids.participants(), now()))))
                .map(call -> Response.created(uri.getBaseUriBuilder().path("apps/api/v1/calls")
                        .path(Long.toString(call.id())).build()).entity(CallView.of(call)).build());
    }

    /** Not in the Apps API (calls are read through the Manager API there): an extension. */
    @GET
    @Path("/{id}")
    public Uni<CallView> get(@PathParam("id") long id) {
        String partnerId = partner.partnerId();
        return calls.find(partnerId, id).flatMap(call -> view(partnerId, call));
    }

    /**
     * A lifecycle step reported by the telephony provider: {@code queued}, {@code connecting},
     * {@code connected}, {@code hold}, {@code resume}, {@code transfer}, {@code participant_joined},
     * {@code participant_left}, {@code ended} or {@code voicemail}. Answers the call object.
     */
    @POST
    @Path("/{id}/events/{step}")
    @RolesAllowed(Roles.SYSTEM)
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallRequests.Step.class)))
    public Uni<CallView> step(@PathParam("id") long id, @PathParam("step") String step,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body)
            throws JsonProcessingException {
        // Webhooks of some providers send bodiless steps (e.g. hold) without a Content-Type; a body is
        // JSON, declared as such or not declared at all.
        if (body != null && !body.isBlank() && contentType != null && !BodyGuard.isJson(contentType)) {
            throw new NotSupportedException("a step's body is JSON (Content-Type: application/json)");
        }
        CallRequests.Step parsed = body == null || body.isBlank() ? null : mapper.readValue(body, CallRequests.Step.class);
        CallRequests.Step s = parsed == null ? CallRequests.Step.EMPTY : parsed;
        // Read by hand (bodiless steps), so validated by hand.
        Set<ConstraintViolation<CallRequests.Step>> violations = validator.validate(s);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Instant now = now();
        String partnerId = partner.partnerId();
        Function<CallStore.Ids, CallCommand> command = switch (step) {
            case "queued" -> ids -> new Queue(s.menuId(), s.at(), now);
            case "connecting" -> ids -> new Ring(s.agentId(), s.at(), now);
            case "connected" -> ids -> new Connect(s.agentId(), ids.participants().get(0), s.at(), now);
            case "hold" -> ids -> new Hold(s.at(), now);
            case "resume" -> ids -> new Resume(s.at(), now);
            case "transfer" -> ids -> new StartTransfer(ids.transfer(), s.targetType(), s.toAgentId(), s.toTeamId(),
                    s.toNumber(), s.at(), now);
            case "participant_joined" -> ids -> new Join(s.participantId(), s.participantType(), s.userId(),
                    s.endUserId(), s.phoneNumber(), ids.participants().get(0), s.at(), now);
            case "participant_left" -> ids -> new Leave(s.participantId(), s.userId(), s.at(), now);
            case "ended" -> ids -> new End(s.disconnectedBy(), s.failReason(), s.at(), now);
            case "voicemail" -> ids -> new RecordVoicemail(s.recordingUrl(), s.duration(), s.voicemailReason(),
                    s.at(), now);
            default -> throw new NotFoundException("unknown call step '" + step + "'");
        };
        boolean needsIds = step.equals("connected") || step.equals("transfer") || step.equals("participant_joined");
        Uni<CallStore.Ids> ids = needsIds ? calls.nextIds(false) : Uni.createFrom().item(NO_IDS);
        return references(partnerId, id, step, s)
                .flatMap(ignored -> ids)
                .flatMap(allocated -> calls.handle(partnerId, id, command.apply(allocated)))
                .flatMap(call -> view(partnerId, call));
    }

    /** The call object with the photos and videos attached to the call so far. */
    private Uni<CallView> view(String partnerId, Call call) {
        return media.of(partnerId, call.id()).map(items -> CallView.of(call, items));
    }

    /**
     * The menus, teams and agents a step names are the partner's (the provider reports for one partner).
     * Checked once the call is known to be the partner's, so another partner's call stays a 404.
     */
    private Uni<Void> references(String partnerId, long callId, String step, CallRequests.Step s) {
        boolean namesIds = s.menuId() != null || s.agentId() != null || s.toAgentId() != null || s.toTeamId() != null
                || s.userId() != null;
        if (!namesIds) {
            return Uni.createFrom().voidItem();
        }
        return calls.find(partnerId, callId).flatMap(call -> switch (step) {
            case "queued" -> actors.requireMenu(partnerId, s.menuId(), "menu_id");
            case "connecting", "connected" -> actors.requireAgent(partnerId, s.agentId(), "agent_id");
            case "transfer" -> actors.requireAgent(partnerId, s.toAgentId(), "to_agent_id")
                    .flatMap(ignored -> actors.requireTeam(partnerId, s.toTeamId(), "to_team_id"));
            case "participant_joined" -> "agent".equals(s.participantType())
                    ? actors.requireAgent(partnerId, s.userId(), "user_id") : Uni.createFrom().voidItem();
            default -> Uni.createFrom().voidItem();
        });
    }

    @GET
    @Path("/{id}/customer_flag")
    public Uni<CustomerFlagsView> customerFlags(@PathParam("id") long id) {
        return calls.find(partner.partnerId(), id).map(CustomerFlagsView::of);
    }

    @PATCH
    @Path("/{id}/customer_flag")
    public Uni<CustomerFlagsView> updateCustomerFlags(@PathParam("id") long id, CallRequests.CustomerFlags request) {
        return calls.handle(partner.partnerId(), id, new UpdateCustomerFlags(request.verifiedCustomer(),
                request.badActor(), request.repeat(), now())).map(CustomerFlagsView::of);
    }

    /** docs/api/calls.md#add-a-third-party: the agent on the call dials a third party in; answers the new participant. */
    @PUT
    @Path("/add/{call_id}/dial")
    public Uni<Map<String, Object>> dial(@PathParam("call_id") long callId, @Valid CallRequests.DialThirdParty request) {
        String partnerId = partner.partnerId();
        return actors.actingAgent(partnerId, request.agentId(), request.agentEmail())
                .flatMap(agentId -> calls.nextIds(false).flatMap(ids -> calls.handle(partnerId, callId,
                        new DialThirdParty(agentId, request.agentEmail(), request.outboundNumber(), request.phoneNumber(),
                                ids.participants().get(0), now()))
                .map(call -> {
                    CallParticipant added = call.participant(ids.participants().get(0))
                            .orElseThrow(() -> new AggregateNotFoundException("participant", ids.participants().get(0).toString()));
                    Map<String, Object> participant = new LinkedHashMap<>();
                    participant.put("id", added.id());
                    participant.put("type", added.type());
                    participant.put("status", added.status());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("message", "Third party dialing initiated");
                    body.put("participant", participant);
                    return body;
                })));
    }

    /** The three reserved data attributes, named as the Apps API answers them. */
    public record CustomerFlagsView(boolean verifiedCustomer, boolean badActor, boolean repeatCustomer) {
        static CustomerFlagsView of(Call call) {
            return new CustomerFlagsView(call.flags().verifiedCustomer(), call.flags().badActor(), call.flags().repeatCustomer());
        }
    }

    private static Long id(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isTextual() && value.textValue().isBlank()) {
            return null;
        }
        String text = value.isIntegralNumber() ? value.asText() : value.isTextual() ? value.textValue().trim() : "";
        if (!ID.matcher(text).matches()) {
            throw new InvalidCommandException(field, field + " is not well formed");
        }
        return Long.parseLong(text);
    }

    private Instant now() {
        return WireTime.now(clock);
    }
}
