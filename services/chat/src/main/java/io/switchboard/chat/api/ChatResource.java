package io.switchboard.chat.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.chat.domain.Actor;
import io.switchboard.chat.domain.Chat;
import io.switchboard.chat.domain.ChatCommand;
import io.switchboard.chat.domain.ChatCommand.Claim;
import io.switchboard.chat.domain.ChatCommand.Mark;
import io.switchboard.chat.domain.ChatCommand.Release;
import io.switchboard.chat.domain.ChatCommand.RequestEscalation;
import io.switchboard.chat.domain.ChatCommand.SendMessage;
import io.switchboard.chat.domain.ChatCommand.UpdateChat;
import io.switchboard.chat.domain.ChatCommand.UpdateCustomerFlags;
import io.switchboard.chat.domain.ChatCommand.UpdateEndUser;
import io.switchboard.chat.domain.ChatCommand.UpdateEscalation;
import io.switchboard.chat.store.ChatStore;
import io.switchboard.chat.store.DirectoryCopy;
import io.switchboard.events.chat.ChatEvents.CustomerFlags;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import io.switchboard.web.input.OptionalBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The chat endpoints of the Apps API (docs/api/chat.md); every call acts for the caller's partner and
 * needs one of the contact-center roles (a token with none of them is 403). The idempotent create is
 * {@link IdempotentChatCreate}, custom data {@link CustomDataIntake}, the caller's agent checks
 * {@link ChatActors}.
 */
@Path("/apps/api/v1/chats")
@RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class ChatResource {
    private final ChatStore chats;
    private final IdempotentChatCreate creates;
    private final CustomDataIntake customData;
    private final ChatActors actors;
    private final DirectoryCopy directory;
    private final PartnerContext partner;
    private final UriInfo uri;
    private final Clock clock;

    public ChatResource(ChatStore chats, IdempotentChatCreate creates, CustomDataIntake customData, ChatActors actors,
                        DirectoryCopy directory, PartnerContext partner, UriInfo uri, Clock clock) {
        this.chats = chats;
        this.creates = creates;
        this.customData = customData;
        this.actors = actors;
        this.directory = directory;
        this.partner = partner;
        this.uri = uri;
        this.clock = clock;
    }

    @POST
    public Uni<Response> create(@Valid CreateChatRequest request, @HeaderParam(IdempotentChatCreate.HEADER) String key) {
        return creates.create(partner.partnerId(), request, key)
                .flatMap(chat -> view(chat).map(view -> Response.created(uri.getBaseUriBuilder()
                        .path("apps/api/v1/chats").path(Long.toString(chat.id())).build()).entity(view).build()));
    }

    @GET
    @Path("/{id}")
    public Uni<ChatView> get(@PathParam("id") @Positive long id) {
        return chats.find(partner.partnerId(), id).flatMap(this::view);
    }

    /** A chat as the API shows it, with the names the directory knows. */
    private Uni<ChatView> view(Chat chat) {
        return directory.names(partner.partnerId(), chat.hands().allAgents(), chat.hands().allVirtualAgents(),
                        chat.setup().menuId())
                .map(names -> ChatView.of(chat, names));
    }

    /** {@code POST /chats/{chat_id}/escalations}: the virtual agent hands the chat to a human (200, docs/api/chat.md#request-an-escalation). */
    @POST
    @Path("/{id}/escalations")
    public Uni<EscalationView> escalate(@PathParam("id") @Positive long id, @Valid ChatRequests.Escalate request) {
        String partnerId = partner.partnerId();
        return chats.nextEscalationId().flatMap(escalationId -> chats.handle(partnerId, id,
                        new RequestEscalation(escalationId, request.reason(), request.forceEscalate(), now()),
                        EventContext.none())
                .map(chat -> EscalationView.of(chat, escalationId)));
    }

    /** {@code PATCH /chats/{chat_id}/escalations/{id}}: picks the deflection channel. */
    @PATCH
    @Path("/{id}/escalations/{escalationId}")
    public Uni<EscalationView> updateEscalation(@PathParam("id") @Positive long id, @PathParam("escalationId") @Positive long escalationId,
                                                @Valid ChatRequests.DeflectEscalation request) {
        return chats.handle(partner.partnerId(), id, new UpdateEscalation(escalationId,
                        request.deflectionChannel(), now()), EventContext.none())
                .map(chat -> EscalationView.of(chat, escalationId));
    }

    /** The escalation object {id, chat_id, status} (docs/api/chat.md#escalations). */
    public record EscalationView(long id, long chatId, String status) {
        static EscalationView of(Chat chat, long escalationId) {
            return new EscalationView(escalationId, chat.id(), chat.escalations().get(escalationId).status());
        }
    }

    @PATCH
    @Path("/{id}")
    public Uni<ChatView> update(@PathParam("id") @Positive long id, @Valid ChatRequests.UpdateChat request) {
        String partnerId = partner.partnerId();
        Actor actor = actors.actor();
        return actors.requireAgent(partnerId, actor, request.finishedByUserId(), "finished_by_user_id")
                .flatMap(ignored -> chats.handle(partnerId, id, new UpdateChat(request.chat().status(),
                        request.chat().deflectionChannel(), request.chat().escalationId(), request.finishedByUserId(),
                        actor, now()), EventContext.none()))
                .flatMap(this::view);
    }

    /**
     * Answers {@code {}} with 200 (docs/api/chat.md#send-a-message). Who the message is from follows the
     * sender matrix of the README: an agent sends as itself; a supervisor, admin or system caller sends for
     * the chat's virtual agent, an agent of the partner, the system or the end user.
     */
    @POST
    @Path("/{id}/message")
    public Uni<Map<String, Object>> message(@PathParam("id") @Positive long id, @Valid ChatRequests.SendMessage request,
                                            @HeaderParam(IdempotentChatCreate.HEADER) String key) {
        if (key != null) {
            IdempotentChatCreate.requireWellFormed(key);
        }
        String partnerId = partner.partnerId();
        Actor actor = actors.actor();
        return actors.sender(partnerId, actor, request.fromUserId())
                .flatMap(sender -> chats.handle(partnerId, id, new SendMessage(request.fromUserId(),
                        request.message().type(), request.message().content(), key, actor, sender, now()),
                        EventContext.none()))
                .map(chat -> Map.of());
    }

    @GET
    @Path("/{id}/customer_flag")
    public Uni<CustomerFlagsView> customerFlags(@PathParam("id") @Positive long id) {
        return chats.find(partner.partnerId(), id).map(chat -> CustomerFlagsView.of(chat.flags()));
    }

    @POST
    @Path("/{id}/customer_flag")
    public Uni<CustomerFlagsView> updateCustomerFlags(@PathParam("id") @Positive long id, ChatRequests.CustomerFlags request) {
        return chats.handle(partner.partnerId(), id, new UpdateCustomerFlags(request.verifiedCustomer(), request.badActor(),
                        request.repeat(), "api", now()), EventContext.none())
                .map(chat -> CustomerFlagsView.of(chat.flags()));
    }

    @POST
    @Path("/{id}/end-user")
    public Uni<Map<String, String>> updateEndUser(@PathParam("id") @Positive long id, @Valid ChatRequests.EndUser request) {
        return chats.handle(partner.partnerId(), id, new UpdateEndUser(request.identifier(), request.name(),
                        request.email(), request.phone(), now()), EventContext.none())
                .map(chat -> Map.of("message", "accepted"));
    }

    /** Custom data, plain or signed with the partner's company secret ({@link CustomDataIntake}). */
    @POST
    @Path("/{id}/custom_data")
    public Uni<Map<String, String>> customData(@PathParam("id") @Positive long id, @Valid ChatRequests.CustomData request) {
        String partnerId = partner.partnerId();
        Uni<Void> attached;
        if (!request.signed()) {
            if (request.data() == null) {
                throw new InvalidCommandException("data", "data is required when signed is false");
            }
            attached = customData.attach(partnerId, id, request.fields());
        } else {
            if (request.signedData() == null || request.signedData().isBlank()) {
                throw new InvalidCommandException("signed_data", "signed_data is required when signed is true");
            }
            attached = customData.attachSigned(partnerId, id, request.signedData());
        }
        return attached.map(done -> Map.of("message", "accepted"));
    }

    /**
     * An agent claims a queued chat for itself; a supervisor claims it for an agent of the partner (the
     * claim-release policy of the Platform Data API).
     */
    @POST
    @Path("/{id}/claim")
    @RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR})
    public Uni<ChatView> claim(@PathParam("id") @Positive long id, @OptionalBody @Valid ChatRequests.AgentAction request) {
        Long named = request == null ? null : request.agentId();
        return asAgent(id, named, "agent_id", actor -> new Claim(named, actor, now()));
    }

    /** Only the claiming agent releases its claim; a supervisor releases anyone's. */
    @POST
    @Path("/{id}/release")
    @RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR})
    public Uni<ChatView> release(@PathParam("id") @Positive long id, @OptionalBody @Valid ChatRequests.AgentAction request) {
        Long named = request == null ? null : request.agentId();
        return asAgent(id, named, "agent_id", actor -> new Release(named, actor, now()));
    }

    /** A supervisor marks a chat (as itself, or naming a user of the partner); answers the chat object. */
    @POST
    @Path("/{id}/mark")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    public Uni<ChatView> mark(@PathParam("id") @Positive long id, @Valid ChatRequests.MarkChat request) {
        return asAgent(id, request.userId(), "user_id",
                actor -> new Mark(request.userId(), request.mark(), request.note(), actor, now()));
    }

    /** A command acting as an agent (the caller's own, or the one named in {@code field}), answered with the chat. */
    private Uni<ChatView> asAgent(long id, Long named, String field,
                                  java.util.function.Function<Actor, ChatCommand> command) {
        String partnerId = partner.partnerId();
        Actor actor = actors.actor();
        return actors.requireAgent(partnerId, actor, named, field)
                .flatMap(ignored -> chats.handle(partnerId, id, command.apply(actor), EventContext.none()))
                .flatMap(this::view);
    }

    /** The three reserved flags, named as the Apps API answers them. */
    public record CustomerFlagsView(boolean verifiedCustomer, boolean badActor, boolean repeatCustomer) {
        static CustomerFlagsView of(CustomerFlags flags) {
            return new CustomerFlagsView(flags.verifiedCustomer(), flags.badActor(), flags.repeatCustomer());
        }
    }

    private Instant now() {
        return WireTime.now(clock);
    }
}
