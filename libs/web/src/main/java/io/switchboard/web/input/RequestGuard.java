package io.switchboard.web.input;

import io.switchboard.eventstore.decider.InvalidCommandException;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What the request line and headers may carry, checked before an endpoint is even matched:
 * <ul>
 *   <li>no matrix parameters — JAX-RS would strip {@code ;DROP} from {@code /chats/1;DROP} and serve
 *   {@code /chats/1}, so a request the client did not mean would go through;</li>
 *   <li>no NUL character in the path, in any query parameter or in any header (PostgreSQL refuses
 *   NUL in text, so it could only end as a 500).</li>
 * </ul>
 * Both are a 400 problem naming {@code path}, the query parameter or the header.
 */
public class RequestGuard {

    @ServerRequestFilter(preMatching = true)
    public void check(HttpServerRequest request) {
        String path = request.path() == null ? "" : request.path();
        if (path.indexOf(';') >= 0) {
            throw new InvalidCommandException("path", "matrix parameters (';' in the path) are not supported");
        }
        if (hasNul(path)) {
            throw new InvalidCommandException("path", "the path must not contain a NUL character (%00)");
        }
        String query = request.query();
        if (query != null && hasNul(query)) {
            throw new InvalidCommandException(parameterWithNul(query), "must not contain a NUL character (%00)");
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (header.getValue().indexOf('\u0000') >= 0) {
                throw new InvalidCommandException(JsonPaths.printable(header.getKey()), "must not contain a NUL character");
            }
        }
    }

    private static boolean hasNul(String raw) {
        return raw.indexOf('\u0000') >= 0 || raw.toLowerCase(Locale.ROOT).contains("%00");
    }

    /** The (decoded) name of the first query parameter whose name or value holds a NUL. */
    private static String parameterWithNul(String query) {
        for (String pair : query.split("&")) {
            if (hasNul(pair)) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                try {
                    return JsonPaths.printable(URLDecoder.decode(name, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return JsonPaths.printable(name);
                }
            }
        }
        return "query";
    }
}
