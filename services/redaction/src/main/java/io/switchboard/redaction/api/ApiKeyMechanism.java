package io.switchboard.redaction.api;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The Digital Engagement API key of the redacted messages API: {@code Authorization: Bearer <key>}, where the
 * key is an API credential of this service (libs/web {@code credentials}: issued by the partner's admin with
 * {@code POST /admin/api-credentials}, shown once, stored hashed, revocable). The vendor's clients send the key
 * alone, as a bearer token, not as HTTP Basic: this mechanism takes a bearer token of the credentials' form
 * ({@code sb_<id>_<secret>}) and leaves every other bearer token — Keycloak's JWTs — to quarkus-oidc. It runs
 * before OIDC, which would refuse the key as a malformed JWT.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {
    private static final String PREFIX = "bearer ";
    private static final String KEY_PREFIX = "sb_";

    /** A bearer token that is an API key. */
    public static final class ApiKeyRequest extends BaseAuthenticationRequest {
        private final String key;

        ApiKeyRequest(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(PREFIX.length()).trim();
        if (!token.startsWith(KEY_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        ApiKeyRequest request = new ApiKeyRequest(token);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    /** None of its own: it shares the bearer header with OIDC, which owns that transport. */
    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    /** Before quarkus-oidc (default priority), so that OIDC never sees a key. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
