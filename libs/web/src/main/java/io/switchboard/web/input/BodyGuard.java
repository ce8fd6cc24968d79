package io.switchboard.web.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.eventstore.decider.InvalidCommandException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.util.Set;

/**
 * Every request body any endpoint reads passes here (JAX-RS reader interceptor), so no resource has
 * to check — or can forget — either rule:
 * <ul>
 *   <li>a body read into an object (a record, a map, a JSON tree) is JSON: its {@code Content-Type}
 *   is {@code application/json} or {@code application/*+json} (parameters such as {@code charset}
 *   allowed), anything else is 415. Endpoints that read raw text or bytes declare what they take
 *   with {@code @Consumes}. A body without a {@code Content-Type} never gets here: 415 too;</li>
 *   <li>an empty body or the JSON literal {@code null} (both read as {@code null}, also where the
 *   parameter is a {@code JsonNode}) is a 400 naming {@code body}, unless the parameter is
 *   {@link OptionalBody}.</li>
 * </ul>
 */
@Provider
public class BodyGuard implements ReaderInterceptor {
    public static final String FIELD = "body";
    private static final Set<Class<?>> RAW = Set.of(String.class, byte[].class, InputStream.class, Reader.class,
            io.vertx.core.buffer.Buffer.class, io.vertx.mutiny.core.buffer.Buffer.class);

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!RAW.contains(context.getType()) && !isJson(context.getMediaType())) {
            throw new NotSupportedException("the request body must be JSON (Content-Type: application/json), not "
                    + context.getMediaType());
        }
        Object body = context.proceed();
        if (body instanceof JsonNode node && (node.isNull() || node.isMissingNode())) {
            body = null;
        }
        if (body == null && !optional(context.getAnnotations())) {
            throw new InvalidCommandException(FIELD, "a request body is required");
        }
        return body;
    }

    /** A {@code Content-Type} header value that {@link #isJson(MediaType) is JSON}; false if it is not a media type. */
    public static boolean isJson(String contentType) {
        try {
            return isJson(MediaType.valueOf(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code application/json} or {@code application/*+json}, whatever its parameters. */
    public static boolean isJson(MediaType type) {
        return type != null && "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
    }

    private static boolean optional(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation annotation : annotations) {
                if (annotation.annotationType() == OptionalBody.class) {
                    return true;
                }
            }
        }
        return false;
    }
}
