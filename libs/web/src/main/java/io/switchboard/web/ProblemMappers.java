package io.switchboard.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.events.WireTime;
import io.switchboard.eventstore.ConcurrencyConflictException;
import io.switchboard.eventstore.EventTooLargeException;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.NotPermittedException;
import io.switchboard.web.input.UnacceptableJsonException;
import jakarta.ws.rs.Priorities;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error a Switchboard service answers is an RFC 9457 problem+json body: validation errors name
 * each field by its JSON name, domain rejections map to 400/404/409, authentication to 401/403, and
 * an unreachable database to 503 with Retry-After ({@link DatabaseOutage}), and anything unexpected
 * to a 500 that reveals nothing but an id to find it in the log.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** A restarted PostgreSQL accepts connections again within seconds (fault suite: ≈ 16 s to full recovery). */
    private static final String RETRY_AFTER_SECONDS = "2";

    private final ObjectMapper mapper;

    public ProblemMappers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(FieldNames.of(v, mapper), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return respond(Problem.of(400, "Invalid request", detail, errors), uri);
    }

    @ServerExceptionMapper
    public Response invalidCommand(InvalidCommandException e, UriInfo uri) {
        return respond(Problem.of(400, "Invalid request", e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage()))), uri);
    }

    /**
     * A body that is not JSON, that breaks a rule of the strict mapper (libs/web {@code input.StrictJson}),
     * or a value of the wrong type: the field is named where it can be known. Listed by their concrete
     * types and ranked first so that Quarkus' built-in Jackson mappers (plain JSON bodies) do not win.
     */
    @ServerExceptionMapper(value = {JsonMappingException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class, JsonParseException.class,
            UnacceptableJsonException.class, StreamConstraintsException.class, StreamReadException.class},
            priority = Priorities.USER - 100)
    public Response unreadableJson(Exception e, UriInfo uri) {
        Problem.FieldError error = JsonProblems.describe(e);
        String detail = error.field().equals("body") && error.message().equals(JsonProblems.NOT_JSON)
                ? "the request body is not valid JSON" : error.field() + ": " + error.message();
        return respond(Problem.of(400, "Invalid request", detail, List.of(error)), uri);
    }

    /** An instant a client sent (a query parameter, mostly) that is not one: 400 naming where it was. */
    @ServerExceptionMapper
    public Response malformedTime(WireTime.MalformedTimeException e, UriInfo uri) {
        return respond(Problem.of(400, "Invalid request", e.getMessage(),
                List.of(new Problem.FieldError(e.field(), WireTime.EXPECTED))), uri);
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e, UriInfo uri) {
        return respond(Problem.of(422, "Unprocessable Content", e.getMessage(),
                List.of(new Problem.FieldError("Idempotency-Key", e.getMessage()))), uri);
    }

    /** The caller may not act so (e.g. as another agent): 403 naming the field that asked for it. */
    @ServerExceptionMapper
    public Response notPermitted(NotPermittedException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden", e.getMessage(), e.field() == null ? List.of()
                : List.of(new Problem.FieldError(e.field(), e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response notFound(AggregateNotFoundException e, UriInfo uri) {
        return respond(Problem.of(404, "Not found", e.getMessage()), uri);
    }

    /** A budget ran out (429) or a read-your-writes wait did (503): nothing was done, the client may try again. */
    @ServerExceptionMapper
    public Response retryLater(RetryLaterException e, UriInfo uri) {
        String title = e.status() == 429 ? "Too Many Requests" : "Service Unavailable";
        Problem problem = e.field() == null ? Problem.of(e.status(), title, e.getMessage())
                : Problem.of(e.status(), title, e.getMessage(), List.of(new Problem.FieldError(e.field(), e.getMessage())));
        return Response.fromResponse(respond(problem, uri))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e, UriInfo uri) {
        return respond(Problem.of(409, "Conflict", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response conflict(ConcurrencyConflictException e, UriInfo uri) {
        return respond(Problem.of(409, "Conflict",
                "the resource was changed by another request; reload it and try again"), uri);
    }

    /** An event the request would make is larger than the event store accepts: nothing was written. */
    @ServerExceptionMapper
    public Response eventTooLarge(EventTooLargeException e, UriInfo uri) {
        String detail = "the request would store an event of " + e.bytes() + " bytes; at most " + e.limit() + " are allowed";
        return respond(Problem.of(413, "Content Too Large", detail,
                List.of(new Problem.FieldError("body", "makes an event larger than " + e.limit() + " bytes"))), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(Exception e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(401, "Unauthorized",
                        "a valid bearer token (or API credentials) is required"), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden", "the caller's roles do not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response noPartner(PartnerContext.MissingPartnerException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden", e.getMessage()), uri);
    }

    /** 404 for unknown paths, 405, 406, 415 and the like keep their status. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return respond(Problem.of(status, title, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        var outage = DatabaseOutage.in(e);
        if (outage.isPresent()) {
            LOG.warnf("%s: the database is unreachable (%s); answering 503", uri.getPath(), outage.get());
            return Response.fromResponse(respond(Problem.of(503, "Service Unavailable",
                            "the service's database is unreachable; try again shortly"), uri))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", id, uri.getPath());
        return respond(Problem.of(500, "Internal Server Error",
                "unexpected error; quote id " + id + " when reporting it"), uri);
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.at(uri.getPath()))
                .build();
    }
}
