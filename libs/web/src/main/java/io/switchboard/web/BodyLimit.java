package io.switchboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Refuses a request body above {@code quarkus.http.limits.max-body-size} with 413 problem+json naming
 * the field {@code body}, before any endpoint (or authentication) sees it. Quarkus enforces the same
 * setting itself, but answers a bare 413; this route runs just before Quarkus' own and answers first.
 *
 * <ul>
 *   <li>With a {@code Content-Length}: refused at once, without reading the body. A body up to
 *   {@link #DRAIN_FACTOR} times the limit is read and discarded so that a client that writes its
 *   whole body before reading (most do) still gets the answer on a connection that stays usable; a
 *   larger one has its connection closed after the answer.</li>
 *   <li>Chunked (no {@code Content-Length}): buffered up to the limit (Vert.x' body handler; the REST
 *   layer then reads the buffered body), refused as soon as it goes over.</li>
 * </ul>
 */
@ApplicationScoped
public class BodyLimit {
    /** Just before Quarkus' own upload-limit route ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT} = -2). */
    static final int ORDER = -3;
    static final long DRAIN_FACTOR = 64;
    private static final String REFUSED = "switchboard.body-refused";

    private final long limit;
    private final ObjectMapper mapper;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void route(@Observes Router router) {
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(limit).setHandleFileUploads(false);
        router.route().order(ORDER)
                .handler(context -> {
                    HttpServerRequest request = context.request();
                    String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
                    if (length != null) {
                        long declared = parse(length);
                        if (declared > limit) {
                            refuse(context, declared > limit * DRAIN_FACTOR);
                        } else {
                            context.next();
                        }
                    } else if (request.getHeader(HttpHeaderNames.TRANSFER_ENCODING) != null) {
                        chunked.handle(context);
                    } else {
                        context.next();
                    }
                })
                .failureHandler(context -> {
                    if (Boolean.TRUE.equals(context.get(REFUSED))) {
                        // Already answered; the client then closing the connection mid-body is no error.
                        return;
                    }
                    if (context.statusCode() == 413 && !context.response().ended()) {
                        refuse(context, false);
                    } else {
                        context.next();
                    }
                });
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            // Netty refuses a malformed Content-Length before we see it; treat anything else as too large.
            return Long.MAX_VALUE;
        }
    }

    private void refuse(RoutingContext context, boolean close) {
        context.put(REFUSED, true);
        HttpServerRequest request = context.request();
        Problem problem = Problem.of(413, "Content Too Large",
                "the request body is larger than " + limit + " bytes",
                List.of(new Problem.FieldError("body", "must be at most " + limit + " bytes"))).at(request.path());
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (close) {
            context.response().putHeader(HttpHeaderNames.CONNECTION, "close");
            context.response().endHandler(ignored -> request.connection().close());
        } else if (!request.isEnded()) {
            // Read and drop the rest, so the client can finish writing and read this answer.
            request.exceptionHandler(ignored -> { }).handler(ignored -> { }).resume();
        }
        context.response().setStatusCode(413)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(io.vertx.core.buffer.Buffer.buffer(json));
    }
}
