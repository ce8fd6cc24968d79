package io.switchboard.chat.api;

import io.smallrye.mutiny.Uni;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.switchboard.chat.domain.Actor;
import io.switchboard.chat.domain.Chat;
import io.switchboard.chat.domain.ChatCommand;
import io.switchboard.chat.domain.ChatCommand.AttachCustomData;
import io.switchboard.chat.domain.ChatCommand.Claim;
import io.switchboard.chat.domain.ChatCommand.Mark;
import io.switchboard.chat.domain.ChatCommand.Release;
import io.switchboard.chat.domain.ChatCommand.CreateChat;
import io.switchboard.chat.domain.ChatCommand.CustomField;
import io.switchboard.chat.domain.ChatCommand.SendMessage;
import io.switchboard.chat.domain.ChatCommand.UpdateChat;
import io.switchboard.chat.domain.ChatCommand.UpdateCustomerFlags;
import io.switchboard.chat.domain.ChatCommand.UpdateEndUser;
import io.switchboard.chat.domain.ChatCommand.RequestEscalation;
import io.switchboard.chat.domain.ChatCommand.UpdateEscalation;
import io.switchboard.chat.store.Directory;
import io.switchboard.events.chat.ChatEvents.TranscriptEntry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.type.TypeReference;
import io.switchboard.eventstore.ConcurrencyConflictException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.NotPermittedException;
import io.switchboard.chat.store.ChatStore;
import io.switchboard.chat.store.CompanySecrets;
import io.switchboard.chat.store.SignedDataUses;
import io.switchboard.web.CallerIdentity;
import io.switchboard.eventstore.EventContext;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import io.switchboard.web.input.OptionalBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

/**
 * The chat endpoints of the Apps API (seed 004); every call acts for the caller's partner and needs
 * one of the contact-center roles (a token with none of them is 403).
 */
@Path("/apps/api/v1/chats")
@RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class ChatResource {

    @Inject
    ChatStore chats;

    @Inject
    PartnerContext partner;

    @Inject
    CompanySecrets secrets;

    @Inject
    Directory directory;

    @Inject
    CallerIdentity caller;

    @Inject
    SignedDataUses signedDataUses;

    @Inject
    UriInfo uri;

    @Inject
    ObjectMapper mapper;

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @ConfigProperty(name = "switchboard.chat.queue-timeout", defaultValue = "PT10M")
    Duration queueTimeout;

    @ConfigProperty(name = "switchboard.chat.signed-data.max-lifetime", defaultValue = "PT10M")
    Duration signedDataMaxLifetime;

    private final Clock clock = Clock.systemUTC();

    @POST
    public Uni<Response> create(@Valid CreateChatRequest request, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        String partnerId = partner.partnerId();
        if (key == null) {
            return requireMenu(partnerId, request.chat().menuId())
                    .flatMap(ignored -> chats.nextChatId())
                    .flatMap(chatId -> create(partnerId, chatId, request));
        }
        requireWellFormed(key);
        // A retry returns the chat the first request created, and writes nothing; so does a request that
        // raced the first one with the same key and lost (the chat id is the key's, so the chat is the key's).
        return chats.reserveChatId(partnerId, key, fingerprint(request))
                .flatMap(chatId -> chats.findIfExists(partnerId, chatId).flatMap(existing -> existing.isPresent()
                        ? created(existing.get())
                        : requireMenu(partnerId, request.chat().menuId())
                                .flatMap(ignored -> create(partnerId, chatId, request))
                                .onFailure(failure -> failure instanceof IllegalTransitionException
                                        || failure instanceof ConcurrencyConflictException)
                                .recoverWithUni(lost -> chats.find(partnerId, chatId).flatMap(this::created))));
    }

    /** A chat's menu must be an active menu of the caller's partner (an absent or malformed one is the decider's). */
    private Uni<Void> requireMenu(String partnerId, Long menuId) {
        if (menuId == null || menuId <= 0) {
            return Uni.createFrom().voidItem();
        }
        return directory.isActiveMenu(partnerId, menuId).map(known -> {
            if (!known) {
                throw new InvalidCommandException("chat.menu_id", "menu_id " + menuId + " is not an active menu of this partner");
            }
            return null;
        });
    }

    private Uni<Response> create(String partnerId, long chatId, CreateChatRequest request) {
        Instant now = now();
        CreateChatRequest.ChatFields fields = request.chat();
        return chats.handle(partnerId, chatId, new CreateChat(chatId, fields.menuId(), fields.endUserId(),
                                request.endUser() == null ? null : request.endUser().phone(), fields.lang(),
                                fields.email(), fields.context(), transcript(fields.transcript()), now,
                                now.plus(queueTimeout)), EventContext.none())
                .flatMap(this::created);
    }

    private Uni<Response> created(Chat chat) {
        return view(chat).map(view -> Response.created(uri.getBaseUriBuilder().path("apps/api/v1/chats")
                .path(Long.toString(chat.id())).build()).entity(view).build());
    }

    /**
     * The seed types {@code transcript} as "object": accepted as {@code {"messages": [...]}} or as the
     * bare array of {@code {sender_type, text, sent_at}}.
     */
    private java.util.List<TranscriptEntry> transcript(JsonNode transcript) {
        if (transcript == null || transcript.isNull()) {
            return java.util.List.of();
        }
        JsonNode messages = transcript.isObject() ? transcript.get("messages") : transcript;
        if (messages == null || !messages.isArray()) {
            throw new InvalidCommandException("chat.transcript",
                    "transcript must be {\"messages\": [{sender_type, text, sent_at}]} or that array");
        }
        try {
            return mapper.convertValue(messages, new TypeReference<java.util.List<TranscriptEntry>>() {
            });
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException("chat.transcript.messages",
                    "each transcript message is {sender_type, text, sent_at (ISO-8601)}");
        }
    }

    @GET
    @Path("/{id}")
    public Uni<ChatView> get(@PathParam("id") @Positive long id) {
        return chats.find(partner.partnerId(), id).flatMap(this::view);
    }

    /** A chat as the API shows it, with the names the directory knows. */
    private Uni<ChatView> view(Chat chat) {
        return directory.names(partner.partnerId(), chat.hands().allAgents(), chat.hands().allVirtualAgents(),
                chat.menuId() == null ? java.util.List.of() : java.util.List.of(chat.menuId()))
                .map(names -> ChatView.of(chat, names));
    }

    /** {@code POST /chats/{chat_id}/escalations}: the virtual agent hands the chat to a human (200, as the seed shows). */
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

    /** The escalation object of seed 004. */
    public record EscalationView(long id, long chatId, String status) {
        static EscalationView of(Chat chat, long escalationId) {
            return new EscalationView(escalationId, chat.id(), chat.escalations().get(escalationId).status());
        }
    }

    @PATCH
    @Path("/{id}")
    public Uni<ChatView> update(@PathParam("id") @Positive long id, @Valid ChatRequests.UpdateChat request) {
        String partnerId = partner.partnerId();
        Actor actor = actor();
        return requireAgent(partnerId, actor, request.finishedByUserId(), "finished_by_user_id")
                .flatMap(ignored -> chats.handle(partnerId, id, new UpdateChat(request.chat().status(),
                        request.chat().deflectionChannel(), request.chat().escalationId(), request.finishedByUserId(),
                        actor, now()), EventContext.none()))
                .flatMap(this::view);
    }

    /**
     * Answers {@code {}} with 200, as the seed shows. Who the message is from follows the sender matrix
     * of the README: an agent sends as itself; a supervisor, admin or system caller sends for the chat's
     * virtual agent, an agent of the partner, the system or the end user.
     */
    @POST
    @Path("/{id}/message")
    public Uni<Map<String, Object>> message(@PathParam("id") @Positive long id, @Valid ChatRequests.SendMessage request,
                                            @HeaderParam(IDEMPOTENCY_KEY) String key) {
        if (key != null) {
            requireWellFormed(key);
        }
        String partnerId = partner.partnerId();
        Actor actor = actor();
        Long from = actor.forOthers() ? request.fromUserId() : actor.agentId();
        Uni<ChatCommand.KnownAs> known;
        if (from == null || from <= 0) {
            known = Uni.createFrom().item(ChatCommand.KnownAs.NOBODY);
        } else if (!actor.forOthers()) {
            known = ownAgent(partnerId, from, "from_user_id").map(agent -> ChatCommand.KnownAs.agent(agent.name()));
        } else {
            java.util.List<Long> ids = java.util.List.of(from);
            known = directory.names(partnerId, java.util.List.of(), ids, java.util.List.of())
                    .flatMap(names -> directory.activeAgent(partnerId, from).map(agent -> new ChatCommand.KnownAs(
                            agent.isPresent(), agent.map(Directory.Agent::name).orElse(null),
                            names.virtualAgents().containsKey(from) ? names.virtualAgents().get(from).name() : null)));
        }
        return known.flatMap(sender -> chats.handle(partnerId, id, new SendMessage(request.fromUserId(),
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

    /**
     * Custom data, plain or signed with the partner's company secret (HS256, bounded lifetime, single
     * use, optionally bound to the chat). A bad signature, an expired, over-long-lived or other chat's
     * token or a missing secret → 401; a token used before → 409; nothing is stored.
     */
    @POST
    @Path("/{id}/custom_data")
    public Uni<Map<String, String>> customData(@PathParam("id") @Positive long id, @Valid ChatRequests.CustomData request) {
        String partnerId = partner.partnerId();
        if (!request.signed()) {
            if (request.data() == null) {
                throw new InvalidCommandException("data", "data is required when signed is false");
            }
            return attach(partnerId, id, false, request.fields());
        }
        if (request.signedData() == null || request.signedData().isBlank()) {
            throw new InvalidCommandException("signed_data", "signed_data is required when signed is true");
        }
        return secrets.of(partnerId)
                .map(secret -> SignedCustomData.verify(request.signedData(), secret.orElseThrow(() ->
                        new SignedCustomData.InvalidSignedData("no company secret is set for this partner")),
                        signedDataMaxLifetime, id))
                .flatMap(verified -> signedDataUses.use(partnerId, verified.tokenId(), id, verified.acceptableUntil())
                        .flatMap(first -> {
                            if (!first) {
                                throw new SignedCustomData.ReplayedSignedData();
                            }
                            // Data refused (unknown chat, invalid field) was not used: the token stays usable.
                            return attach(partnerId, id, true, verified.fields()).onFailure().call(failure ->
                                    signedDataUses.forget(partnerId, verified.tokenId()));
                        }));
    }

    private Uni<Map<String, String>> attach(String partnerId, long id, boolean signed, Map<String, CustomField> fields) {
        return chats.handle(partnerId, id, new AttachCustomData(signed, fields, now()), EventContext.none())
                .map(chat -> Map.of("message", "accepted"));
    }

    /**
     * An agent claims a queued chat for itself; a supervisor claims it for an agent of the partner (the
     * claim-release policy of the Platform Data API).
     */
    @POST
    @Path("/{id}/claim")
    @RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR})
    public Uni<ChatView> claim(@PathParam("id") @Positive long id, @OptionalBody @Valid ChatRequests.AgentAction request) {
        String partnerId = partner.partnerId();
        Actor actor = actor();
        Long named = request == null ? null : request.agentId();
        return requireAgent(partnerId, actor, named, "agent_id")
                .flatMap(ignored -> chats.handle(partnerId, id, new Claim(named, actor, now()), EventContext.none()))
                .flatMap(this::view);
    }

    /** Only the claiming agent releases its claim; a supervisor releases anyone's. */
    @POST
    @Path("/{id}/release")
    @RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR})
    public Uni<ChatView> release(@PathParam("id") @Positive long id, @OptionalBody @Valid ChatRequests.AgentAction request) {
        String partnerId = partner.partnerId();
        Actor actor = actor();
        Long named = request == null ? null : request.agentId();
        return requireAgent(partnerId, actor, named, "agent_id")
                .flatMap(ignored -> chats.handle(partnerId, id, new Release(named, actor, now()), EventContext.none()))
                .flatMap(this::view);
    }

    /** A supervisor marks a chat (as itself, or naming a user of the partner); answers the chat object. */
    @POST
    @Path("/{id}/mark")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    public Uni<ChatView> mark(@PathParam("id") @Positive long id, @Valid ChatRequests.MarkChat request) {
        String partnerId = partner.partnerId();
        Actor actor = actor();
        return requireAgent(partnerId, actor, request.userId(), "user_id")
                .flatMap(ignored -> chats.handle(partnerId, id, new Mark(request.userId(), request.mark(),
                        request.note(), actor, now()), EventContext.none()))
                .flatMap(this::view);
    }

    /** The caller as the domain sees it: its own agent, and whether it may act for others. */
    private Actor actor() {
        return caller.actsForOthers() ? Actor.supervisor(caller.agentId()) : Actor.agent(caller.agentId());
    }

    /**
     * The agent a command will act as must be an active agent of the partner: for an agent its own id
     * (from its token: 403 if the directory does not have it), for a supervisor, admin or system caller
     * the id it names in {@code field} (400 naming the field), else its own. Whether the caller may act
     * as that agent at all is the decider's rule.
     */
    private Uni<Void> requireAgent(String partnerId, Actor actor, Long named, String field) {
        if (!actor.forOthers()) {
            return actor.agentId() == null ? Uni.createFrom().voidItem()
                    : ownAgent(partnerId, actor.agentId(), field).replaceWithVoid();
        }
        Long id = named != null ? named : actor.agentId();
        if (id == null || id <= 0) {
            return Uni.createFrom().voidItem();
        }
        return directory.activeAgent(partnerId, id).map(agent -> {
            if (agent.isEmpty()) {
                throw new InvalidCommandException(field, field + " " + id + " is not an active agent of this partner");
            }
            return null;
        });
    }

    private Uni<Directory.Agent> ownAgent(String partnerId, long agentId, String field) {
        return directory.activeAgent(partnerId, agentId).map(agent -> agent.orElseThrow(() -> new NotPermittedException(
                field, "this caller's agent_id " + agentId + " is not an active agent of this partner")));
    }

    /** The three reserved flags, named as the Apps API answers them. */
    public record CustomerFlagsView(boolean verifiedCustomer, boolean badActor, boolean repeatCustomer) {
        static CustomerFlagsView of(io.switchboard.events.chat.ChatEvents.CustomerFlags flags) {
            return new CustomerFlagsView(flags.verifiedCustomer(), flags.badActor(), flags.repeatCustomer());
        }
    }

    private static void requireWellFormed(String key) {
        if (key.isBlank() || key.length() > 255) {
            throw new InvalidCommandException(IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 255 characters");
        }
    }

    /** What makes two create requests "the same": their canonical JSON. */
    private String fingerprint(CreateChatRequest request) {
        try {
            byte[] json = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
