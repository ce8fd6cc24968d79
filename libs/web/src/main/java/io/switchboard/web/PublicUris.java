package io.switchboard.web;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * URLs handed to clients ({@code Link}, {@code Location}) as the client must call them. Behind a TLS
 * terminating gateway the service sees {@code http://pod:8085/…}, while a client (such as an extractor
 * that follows only {@code https://} links) must get {@code https://api.example.com/…}: set
 * {@code switchboard.public-base-url} (env {@code SWITCHBOARD_PUBLIC_BASE_URL}) to the public root.
 * Unset, the request's own URL is used (local runs, tests). The configured URL is trusted, never
 * request headers such as {@code X-Forwarded-Host}, which any client can forge.
 */
@ApplicationScoped
@Startup // a malformed public URL stops the service at start, not at its first list request
public class PublicUris {
    private final Optional<URI> base;

    public PublicUris(@ConfigProperty(name = "switchboard.public-base-url") Optional<String> base) {
        this.base = base.filter(b -> !b.isBlank()).map(PublicUris::validated);
    }

    /** The public form of {@code uri}, an absolute URI under the request's base URI. */
    public URI of(UriInfo request, URI uri) {
        if (base.isEmpty()) {
            return uri;
        }
        URI relative = request.getBaseUri().relativize(uri);
        if (relative.isAbsolute()) {
            return uri; // not one of this service's URIs
        }
        return base.get().resolve(relative);
    }

    public Optional<URI> configuredBase() {
        return base;
    }

    private static URI validated(String value) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.public-base-url is not a URL: " + value, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "switchboard.public-base-url must be an absolute http(s) URL without query, e.g. https://api.example.com/: " + value);
        }
        // A trailing slash makes resolve() append to the base path instead of replacing its last segment.
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
    }
}
