package io.switchboard.redaction.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.redaction.RedactionConfig;
import io.switchboard.redaction.api.MessageViews.MessageView;
import io.switchboard.redaction.api.MessageViews.MessagesPage;
import io.switchboard.redaction.api.MessageViews.MessagesRequest;
import io.switchboard.redaction.domain.MessageWindow;
import io.switchboard.redaction.store.RedactedMessages;
import io.switchboard.redaction.store.RedactedMessages.StoredMessage;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The redacted messages API (docs/api/redacted-messages.md): the messages of a customer session, and a
 * provider's messages of a window of at most seven days. The provider is the partner: a caller reads only
 * its own partner's messages (a Keycloak token with {@code supervisor} or {@code admin}, or an API key —
 * {@link ApiKeyMechanism} — whose credential has one of those roles); another provider id is a 404, the same
 * whether that provider exists or not (one partner never learns of another).
 */
@Path("/KoopidPartnerServer/api/APIEndpoint/Dashboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class RedactedMessagesResource {
    static final int PROVIDER_MAX = 64;
    static final int PARAMETER_MAX = 20;
    static final int SESSION_MAX = 64;
    /** The chat id, optionally with a segment ({@code 42} or {@code 42.3}: the segment is ignored). */
    private static final Pattern SESSION = Pattern.compile("([0-9]{1,18})(?:\\.[0-9]{1,9})?");

    private final RedactedMessages messages;
    private final PartnerContext partner;
    private final MessageWindow.Paging paging;

    public RedactedMessagesResource(RedactedMessages messages, PartnerContext partner, RedactionConfig config) {
        this.messages = messages;
        this.partner = partner;
        this.paging = new MessageWindow.Paging(config.api().defaultLimit(), config.api().maxLimit());
    }

    /**
     * Every message of one customer session (the chat id). An invalid or unknown session is an empty array;
     * without {@code start}/{@code end} the whole session.
     */
    @GET
    @Path("/{providerId}/RedactedMessages")
    public Uni<List<MessagesPage>> session(@PathParam("providerId") @Size(max = PROVIDER_MAX) String providerId,
                                           @QueryParam("customersessionid") @Size(max = SESSION_MAX) String customerSessionId,
                                           @QueryParam("limit") @Size(max = PARAMETER_MAX) String limit,
                                           @QueryParam("offset") @Size(max = PARAMETER_MAX) String offset,
                                           @QueryParam("start") @Size(max = PARAMETER_MAX) String start,
                                           @QueryParam("end") @Size(max = PARAMETER_MAX) String end) {
        String partnerId = provider(providerId);
        MessageWindow window = MessageWindow.session(MessageWindow.number(start, "start"), MessageWindow.number(end, "end"),
                MessageWindow.number(limit, "limit"), MessageWindow.number(offset, "offset"), paging);
        var session = customerSessionId == null ? null : SESSION.matcher(customerSessionId.strip());
        if (session == null || !session.matches()) {
            return Uni.createFrom().item(List.of());
        }
        return messages.session(partnerId, Long.parseLong(session.group(1)), window).map(RedactedMessagesResource::page);
    }

    /** A provider's messages sent in {@code [start, end)}, by time. */
    @POST
    @Path("/Messages")
    public Uni<List<MessagesPage>> provider(@Valid MessagesRequest request) {
        String partnerId = provider(providerId(request.providerId()));
        MessageWindow window = MessageWindow.provider(request.start(), request.end(), request.limit(), request.offset(), paging);
        return messages.provider(partnerId, window).map(RedactedMessagesResource::page);
    }

    /** The provider named must be the caller's partner (the provider id is the partner account id). */
    private String provider(String providerId) {
        String partnerId = partner.partnerId();
        if (!partnerId.equals(providerId)) {
            throw new AggregateNotFoundException("provider", providerId);
        }
        return partnerId;
    }

    private static String providerId(JsonNode value) {
        if (value != null && value.isTextual() && !value.asText().isBlank() && value.asText().length() <= PROVIDER_MAX) {
            return value.asText();
        }
        if (value != null && value.isIntegralNumber() && value.canConvertToLong()) {
            return Long.toString(value.asLong());
        }
        throw new InvalidCommandException("providerId",
                "providerId is required: the partner id, a string of 1-" + PROVIDER_MAX + " characters or an integer");
    }

    /** {@code [{"messages": [...]}]}, or {@code []} when there are none. */
    private static List<MessagesPage> page(List<StoredMessage> found) {
        return found.isEmpty() ? List.of() : List.of(new MessagesPage(found.stream().map(MessageView::of).toList()));
    }
}
