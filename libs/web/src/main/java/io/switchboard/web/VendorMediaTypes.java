package io.switchboard.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Existing Manager/Apps API clients send {@code Accept: application/vnd.json} (the vendor's name for
 * plain JSON) on data requests; without this they would get 406 from every endpoint that produces
 * {@code application/json}. Before an endpoint is matched, that media type is rewritten to
 * {@code application/json} in {@code Accept} and {@code Content-Type}, so one rule serves every
 * endpoint of every service. Parameters ({@code q}, {@code charset}) are kept.
 */
public class VendorMediaTypes {
    static final String VENDOR_JSON = "application/vnd.json";

    @ServerRequestFilter(preMatching = true)
    public void normalize(ContainerRequestContext request) {
        var headers = request.getHeaders();
        List<String> accept = headers.get(HttpHeaders.ACCEPT);
        if (accept != null && accept.stream().anyMatch(VendorMediaTypes::mentionsVendorJson)) {
            headers.put(HttpHeaders.ACCEPT, accept.stream().map(VendorMediaTypes::rewrite).toList());
        }
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && mentionsVendorJson(contentType)) {
            headers.putSingle(HttpHeaders.CONTENT_TYPE, rewrite(contentType));
        }
    }

    private static boolean mentionsVendorJson(String header) {
        return header.toLowerCase(Locale.ROOT).contains(VENDOR_JSON);
    }

    /** Rewrites each media range of a header value that is exactly the vendor type (any parameters kept). */
    static String rewrite(String header) {
        return java.util.Arrays.stream(header.split(","))
                .map(range -> {
                    String trimmed = range.trim();
                    int semicolon = trimmed.indexOf(';');
                    String type = (semicolon < 0 ? trimmed : trimmed.substring(0, semicolon)).trim();
                    return type.equalsIgnoreCase(VENDOR_JSON)
                            ? MediaType.APPLICATION_JSON + (semicolon < 0 ? "" : trimmed.substring(semicolon))
                            : trimmed;
                })
                .collect(Collectors.joining(", "));
    }
}
