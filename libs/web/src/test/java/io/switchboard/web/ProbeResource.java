package io.switchboard.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.eventstore.ConcurrencyConflictException;
import io.switchboard.eventstore.StreamId;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.web.input.BoundedJson;
import io.switchboard.web.input.OptionalBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A test-only API that exercises each shared mechanism of libs/web. */
@Path("/probe")
public class ProbeResource {

    @Inject
    PartnerContext partner;

    @Inject
    PublicUris publicUris;

    @Context
    UriInfo uri;

    public record Thing(@NotBlank @JsonProperty("display_name") String displayName,
                        @Min(1) int count,
                        @NotNull @Valid Owner owner) {
    }

    public record Owner(@NotBlank String phone) {
    }

    /** No security annotation on purpose: the shared default must still demand authentication. */
    @GET
    @Path("/me")
    public Map<String, String> me() {
        return Map.of("partner_id", partner.partnerId());
    }

    /** Declares its media type, as the Manager API resources do: the vendor's Accept must still reach it. */
    @GET
    @Path("/json")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> json() {
        return Map.of("partner_id", partner.partnerId());
    }

    /** A list page's next link, built like the Manager API's. */
    @GET
    @Path("/links")
    @Produces(MediaType.APPLICATION_JSON)
    public Response links() {
        String next = publicUris.of(uri, uri.getRequestUriBuilder().replaceQueryParam("page", 2).build()).toString();
        return Response.ok(Map.of()).header("Link", "<" + next + ">; rel=\"next\"").build();
    }

    @GET
    @Path("/supervisors")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    public Map<String, String> supervisors() {
        return Map.of("partner_id", partner.partnerId());
    }

    @POST
    @Path("/things")
    public Thing create(@Valid Thing thing) {
        return thing;
    }

    public record Plain(String name, Long count, Instant at, Map<String, Object> extra) {
    }

    @POST
    @Path("/plain")
    public Plain plain(Plain plain) {
        return plain;
    }

    @PATCH
    @Path("/plain/{id}")
    public Plain patchPlain(@PathParam("id") long id, Plain plain) {
        return plain;
    }

    public record Secret(String secret) {
    }

    @PUT
    @Path("/secret")
    public String secret(Secret secret) {
        return secret.secret();
    }

    public record Bounded(@BoundedJson(maxEntries = 3, maxStringLength = 5, maxDepth = 2) Map<String, Object> free,
                          Map<@Size(max = 4) String, @Valid Owner> owners,
                          List<@Size(max = 3) String> tags) {
    }

    @POST
    @Path("/bounded")
    public String bounded(@Valid Bounded bounded,
                          @QueryParam("screen_id") @Size(max = 3) String screenId) {
        return "ok";
    }

    @POST
    @Path("/optional")
    public String optional(@OptionalBody Plain plain) {
        return plain == null ? "none" : plain.name();
    }

    @POST
    @Path("/node")
    public JsonNode node(JsonNode node) {
        return node;
    }

    @POST
    @Path("/text")
    @Consumes(MediaType.WILDCARD)
    public String text(String body) {
        return "[" + body + "]";
    }

    @GET
    @Path("/fail/{kind}")
    public String fail(@PathParam("kind") String kind) {
        switch (kind) {
            case "missing" -> throw new AggregateNotFoundException("chat", "42");
            case "transition" -> throw new IllegalTransitionException("finished", "cannot send a message");
            case "conflict" -> throw new ConcurrencyConflictException(new StreamId("chat", "42"), 3, 4L, null);
            case "invalid" -> throw new InvalidCommandException("menu_id", "menu 7 does not exist");
            default -> throw new IllegalStateException("database password is hunter2");
        }
    }

    @Inject
    io.vertx.core.Vertx vertx;

    /** A real query on a real client against a port where no PostgreSQL listens: the outage a killed database causes. */
    @GET
    @Path("/unreachable-database")
    public io.smallrye.mutiny.Uni<String> unreachableDatabase() throws java.io.IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool()
                .connectingTo(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(closedPort)
                        .setDatabase("none").setUser("none").setPassword("none"))
                .using(vertx).build();
        return io.smallrye.mutiny.Uni.createFrom().completionStage(pool.query("SELECT 1").execute().toCompletionStage())
                .map(rows -> "unexpectedly reached")
                .eventually(() -> io.smallrye.mutiny.Uni.createFrom().completionStage(pool.close().toCompletionStage()));
    }
}
