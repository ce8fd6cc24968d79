package io.switchboard.reporting.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.reporting.live.feed.FeedCursor;
import io.switchboard.reporting.live.feed.LiveStreams;
import io.switchboard.reporting.live.feed.StreamEvent;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The live stream (docs/api/live.md#stream): Server-Sent Events of one partner — {@code snapshot} first and whenever
 * it changed, then {@code call}, {@code chat} and {@code agentStatus} with resumable ids ({@link LiveStreams}).
 * Bearer token in the Authorization header like every read (a dashboard reads it with fetch(); no cookie, no token
 * in the query string).
 */
@Path("/api/partners/{partnerId}/live/stream")
public class LiveStreamResource {
    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final List<String> TYPES = List.of(StreamEvent.SNAPSHOT, "call", "chat", "agentStatus");
    private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final LiveStreams streams;
    private final SecurityIdentity identity;
    private final PartnerContext partner;

    public LiveStreamResource(LiveStreams streams, SecurityIdentity identity, PartnerContext partner) {
        this.streams = streams;
        this.identity = identity;
        this.partner = partner;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
    @Blocking
    @Operation(summary = "The partner's live stream (Server-Sent Events): snapshot, call, chat, agentStatus")
    @APIResponse(responseCode = "200", description = "text/event-stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = String.class)))
    public Multi<OutboundSseEvent> stream(@PathParam("partnerId") @Size(max = 64) String partnerId,
                                          @QueryParam("types") @Size(max = 64) String types,
                                          @HeaderParam(LAST_EVENT_ID) @Size(max = 64) String lastEventId,
                                          @Context Sse sse) throws SQLException {
        String target = readablePartner(partnerId);
        Set<String> kinds = types(types);
        FeedCursor resume = null;
        if (lastEventId != null && !lastEventId.isEmpty()) {
            resume = FeedCursor.decode(lastEventId);
            if (resume == null) {
                throw new InvalidCommandException(LAST_EVENT_ID, "is not an id this stream sent");
            }
        }
        boolean snapshots = kinds.remove(StreamEvent.SNAPSHOT);
        return streams.open(new LiveStreams.Request(target, Set.copyOf(kinds), snapshots, resume))
                .map(event -> wire(sse, event));
    }

    private static OutboundSseEvent wire(Sse sse, StreamEvent event) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder();
        if (event.comment() != null) {
            return builder.comment(event.comment()).build();
        }
        builder.name(event.name()).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, event.data());
        if (event.id() != null) {
            builder.id(event.id());
        }
        return builder.build();
    }

    /** The path's partner: the caller's own (another's is a 404, as everywhere), any for a system caller. */
    private String readablePartner(String partnerId) {
        if (partnerId == null || !PARTNER_ID.matcher(partnerId).matches()) {
            throw new AggregateNotFoundException("partner", "?");
        }
        if (!identity.hasRole(Roles.SYSTEM) && !partnerId.equals(partner.partnerId())) {
            throw new AggregateNotFoundException("partner", partnerId);
        }
        return partnerId;
    }

    /** The event types asked for (all when absent); an unknown one is a 400 naming {@code types}. */
    private static Set<String> types(String types) {
        Set<String> kinds = new LinkedHashSet<>();
        if (types == null || types.isBlank()) {
            kinds.addAll(TYPES);
            return kinds;
        }
        for (String type : types.split(",", -1)) {
            String t = type.trim();
            if (!TYPES.contains(t)) {
                throw new InvalidCommandException("types", "must be a comma-separated list of " + String.join(", ", TYPES));
            }
            kinds.add(t);
        }
        return kinds;
    }
}
