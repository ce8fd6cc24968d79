package io.switchboard.chat.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.domain.ChatCommand.CreateChat;
import io.switchboard.chat.store.ChatStore;
import io.switchboard.eventstore.EventContext;
import io.switchboard.web.PartnerContext;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
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

/** The chat endpoints of the Apps API (seed 004); every call acts for the caller's partner. */
@Path("/apps/api/v1/chats")
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
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
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
}
