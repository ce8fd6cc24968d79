package io.switchboard.reporting.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.events.EventCodec;
import io.switchboard.events.WireTime;
import io.switchboard.reporting.webhooks.WebhookViews.Webhook;
import io.switchboard.reporting.webhooks.WebhookViews.WebhookDelivery;
import io.switchboard.reporting.webhooks.WebhookViews.WebhookDeliveryPage;
import io.switchboard.reporting.webhooks.WebhookViews.WebhookPage;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A partner admin's webhook subscriptions (docs/api/webhooks.md): create one (its signing secret is in this
 * answer only), list, read, delete, enable again after it was disabled, and read its delivery log. Only the
 * caller's own partner: another partner's path, or a subscription of another partner, is a 404.
 */
@Path("/api/partners/{partnerId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {
    static final int MAX_DESCRIPTION = 200;
    /** The type of the test event a ping sends (no domain event has it). */
    static final String PING = "WebhookPing";
    static final int MAX_EVENT_TYPES = 50;
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    private final Webhooks webhooks;
    private final WebhookConfig config;
    private final WebhookUrls urls;
    private final PartnerContext partner;
    private final Clock clock;
    private final UriInfo uri;

    public WebhookResource(Webhooks webhooks, WebhookConfig config, PartnerContext partner, Clock clock, UriInfo uri) {
        this.webhooks = webhooks;
        this.config = config;
        this.urls = new WebhookUrls(config.allowedHosts().orElse(List.of()));
        this.partner = partner;
        this.clock = clock;
        this.uri = uri;
    }

    /** A subscription to create: where to send, which event types (or {@code *}), and a note for people. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record WebhookRequest(@NotBlank @Size(max = WebhookUrls.MAX_LENGTH) String url,
                                 // Named here too: the validation's field names follow the service's snake_case otherwise.
                                 @JsonProperty("eventTypes")
                                 @NotNull @Size(min = 1, max = MAX_EVENT_TYPES) List<@NotBlank @Size(max = 100) String> eventTypes,
                                 @Size(max = MAX_DESCRIPTION) String description) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("partnerId") @Size(max = 64) String partnerId, @Valid WebhookRequest request)
            throws SQLException {
        String own = own(partnerId);
        if (request == null) {
            throw new InvalidCommandException("body", "give url, eventTypes and optionally description");
        }
        urls.refusal(request.url()).ifPresent(why -> {
            throw new InvalidCommandException("url", why);
        });
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (int i = 0; i < request.eventTypes().size(); i++) {
            String type = request.eventTypes().get(i);
            if (!EventTypes.isKnown(type)) {
                throw new InvalidCommandException("eventTypes[" + i + "]",
                        "is not a known event type (docs/api/webhooks.md lists them) nor *");
            }
            types.add(type);
        }
        String secret = Signatures.newSecret();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Webhook created = webhooks.create(own, id, request.url(), List.copyOf(types), request.description(), secret,
                        now, config.maxPerPartner())
                .orElseThrow(() -> new IllegalTransitionException("full", "the partner has "
                        + config.maxPerPartner() + " webhook subscriptions; delete one first"));
        return Response.status(201).entity(created.withSecret(secret))
                .location(uri.getRequestUriBuilder().replaceQuery(null).path(id.toString()).build()).build();
    }

    /** Newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    @GET
    public WebhookPage list(@PathParam("partnerId") @Size(max = 64) String partnerId,
                            @QueryParam("limit") @Size(max = 8) String limit,
                            @QueryParam("cursor") @Size(max = 100) String cursor) throws SQLException {
        String own = own(partnerId);
        int size = limit(limit);
        List<Webhook> rows = new ArrayList<>(webhooks.list(own, listCursor(cursor), size + 1));
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            Webhook last = rows.get(size - 1);
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt());
            next = encode(micros + ":" + last.id());
        }
        return new WebhookPage(List.copyOf(rows), next);
    }

    @GET
    @Path("{id}")
    public Webhook get(@PathParam("partnerId") @Size(max = 64) String partnerId,
                       @PathParam("id") @Size(max = 36) String id) throws SQLException {
        String own = own(partnerId);
        return webhooks.find(own, id(id)).orElseThrow(() -> notFound(id));
    }

    /** Removes the subscription and its delivery log; deliveries not sent yet are dropped. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("partnerId") @Size(max = 64) String partnerId,
                           @PathParam("id") @Size(max = 36) String id) throws SQLException {
        String own = own(partnerId);
        if (!webhooks.delete(own, id(id))) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    /** Enables a subscription again (clearing its failure count); its deliveries still pending go out at once. */
    @POST
    @Path("{id}/enable")
    public Webhook enable(@PathParam("partnerId") @Size(max = 64) String partnerId,
                          @PathParam("id") @Size(max = 36) String id) throws SQLException {
        String own = own(partnerId);
        return webhooks.enable(own, id(id), clock.instant().truncatedTo(ChronoUnit.MILLIS)).orElseThrow(() -> notFound(id));
    }

    /** The answer to a ping: the test event's id, to find it in the delivery log. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record PingView(@JsonProperty("eventId") UUID eventId, @JsonProperty("eventType") String eventType) {
    }

    /**
     * Sends a test event ({@code WebhookPing}, an envelope like every other, signed alike) to an enabled
     * subscription, whatever its event types; its outcome is in the delivery log and counts like any delivery.
     */
    @POST
    @Path("{id}/ping")
    public Response ping(@PathParam("partnerId") @Size(max = 64) String partnerId,
                         @PathParam("id") @Size(max = 36) String id) throws SQLException {
        String own = own(partnerId);
        UUID subscription = id(id);
        UUID eventId = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId);
        envelope.put("type", PING);
        envelope.put("version", 1);
        envelope.put("aggregateType", "webhook");
        envelope.put("aggregateId", subscription.toString());
        envelope.put("sequence", 1);
        envelope.put("partnerId", own);
        envelope.put("occurredAt", WireTime.format(now));
        envelope.put("data", Map.of("webhookId", subscription.toString()));
        String payload;
        try {
            payload = EventCodec.standard().mapper().writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ping is plain JSON", e);
        }
        switch (webhooks.ping(own, subscription, eventId, PING, payload, now)) {
            case NOT_FOUND -> throw notFound(id);
            case DISABLED -> throw new IllegalTransitionException("disabled", "the subscription is disabled; enable it first");
            default -> {
            }
        }
        return Response.accepted(new PingView(eventId, PING)).build();
    }

    /** The delivery log, newest first, each delivery with its attempts. */
    @GET
    @Path("{id}/deliveries")
    public WebhookDeliveryPage deliveries(@PathParam("partnerId") @Size(max = 64) String partnerId,
                                          @PathParam("id") @Size(max = 36) String id,
                                          @QueryParam("limit") @Size(max = 8) String limit,
                                          @QueryParam("cursor") @Size(max = 100) String cursor) throws SQLException {
        String own = own(partnerId);
        UUID subscription = id(id);
        if (webhooks.find(own, subscription).isEmpty()) {
            throw notFound(id);
        }
        int size = limit(limit);
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(decode(cursor));
            } catch (IllegalArgumentException e) {
                throw new InvalidCommandException("cursor", "is not a cursor this list gave");
            }
        }
        List<WebhookDelivery> rows = webhooks.deliveries(own, subscription, before, size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = encode(Long.toString(rows.get(size - 1).id()));
        }
        return new WebhookDeliveryPage(List.copyOf(rows), next);
    }

    private String own(String partnerId) {
        String own = partner.partnerId();
        if (!own.equals(partnerId)) {
            throw new AggregateNotFoundException("partner", partnerId.length() > 64 ? "?" : partnerId);
        }
        return own;
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw notFound("?");
        }
    }

    private static AggregateNotFoundException notFound(String id) {
        return new AggregateNotFoundException("webhook", id);
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_PAGE;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1 && parsed <= MAX_PAGE) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidCommandException("limit", "must be a whole number from 1 to " + MAX_PAGE);
    }

    private static Webhooks.Cursor listCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = decode(cursor).split(":", 2);
            return new Webhooks.Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidCommandException("cursor", "is not a cursor this list gave");
        }
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }
}
