package io.switchboard.chat.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.domain.ChatCommand.CreateChat;
import io.switchboard.chat.domain.ChatCommand.SendMessage;
import io.switchboard.chat.domain.ChatCommand.UpdateChat;
import io.switchboard.chat.domain.ChatCommand.UpdateCustomerFlags;
import io.switchboard.chat.domain.ChatCommand.UpdateEndUser;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.chat.store.ChatStore;
import io.switchboard.eventstore.EventContext;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    UriInfo uri;

    @ConfigProperty(name = "switchboard.chat.queue-timeout", defaultValue = "PT10M")
    Duration queueTimeout;

    private final Clock clock = Clock.systemUTC();

    @POST
    public Uni<Response> create(@Valid CreateChatRequest request) {
        String partnerId = partner.partnerId();
        Instant now = now();
        CreateChatRequest.ChatFields fields = request.chat();
        return chats.nextChatId().flatMap(chatId -> chats.handle(partnerId, chatId,
                        new CreateChat(chatId, fields.menuId(), fields.endUserId(),
                                request.endUser() == null ? null : request.endUser().phone(), fields.lang(),
                                fields.email(), fields.context(), now, now.plus(queueTimeout)),
                        EventContext.none()))
                .map(chat -> Response.created(uri.getAbsolutePathBuilder().path(Long.toString(chat.id())).build())
                        .entity(ChatView.of(chat)).build());
    }

    @GET
    @Path("/{id}")
    public Uni<ChatView> get(@PathParam("id") long id) {
        return chats.find(partner.partnerId(), id).map(ChatView::of);
    }

    @PATCH
    @Path("/{id}")
    public Uni<ChatView> update(@PathParam("id") long id, @Valid ChatRequests.UpdateChat request) {
        return chats.handle(partner.partnerId(), id, new UpdateChat(request.chat().status(),
                        request.chat().deflectionChannel(), request.chat().escalationId(), request.finishedByUserId(), now()),
                EventContext.none()).map(ChatView::of);
    }

    /** Answers {@code {}} with 200, as the seed shows. */
    @POST
    @Path("/{id}/message")
    public Uni<Map<String, Object>> message(@PathParam("id") long id, @Valid ChatRequests.SendMessage request) {
        return chats.handle(partner.partnerId(), id, new SendMessage(request.fromUserId(), request.message().type(),
                        request.message().content(), now()), EventContext.none())
                .map(chat -> Map.of());
    }

    @GET
    @Path("/{id}/customer_flag")
    public Uni<CustomerFlagsView> customerFlags(@PathParam("id") long id) {
        return chats.find(partner.partnerId(), id).map(chat -> CustomerFlagsView.of(chat.flags()));
    }

    @POST
    @Path("/{id}/customer_flag")
    public Uni<CustomerFlagsView> updateCustomerFlags(@PathParam("id") long id, ChatRequests.CustomerFlags request) {
        if (request == null) {
            throw new InvalidCommandException("body", "a JSON object with the flags is required");
        }
        return chats.handle(partner.partnerId(), id, new UpdateCustomerFlags(request.verifiedCustomer(), request.badActor(),
                        request.repeat(), "api", now()), EventContext.none())
                .map(chat -> CustomerFlagsView.of(chat.flags()));
    }

    @POST
    @Path("/{id}/end-user")
    public Uni<Map<String, String>> updateEndUser(@PathParam("id") long id, ChatRequests.EndUser request) {
        if (request == null) {
            throw new InvalidCommandException("identifier", "identifier is required");
        }
        return chats.handle(partner.partnerId(), id, new UpdateEndUser(request.identifier(), request.name(),
                        request.email(), request.phone(), now()), EventContext.none())
                .map(chat -> Map.of("message", "accepted"));
    }

    /** The three reserved flags, named as the Apps API answers them. */
    public record CustomerFlagsView(boolean verifiedCustomer, boolean badActor, boolean repeatCustomer) {
        static CustomerFlagsView of(io.switchboard.events.chat.ChatEvents.CustomerFlags flags) {
            return new CustomerFlagsView(flags.verifiedCustomer(), flags.badActor(), flags.repeatCustomer());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
