package io.switchboard.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bearer tokens shaped like Keycloak's ({@code realm_access.roles}, {@code partner_id}, optionally
 * {@code agent_id}, {@code preferred_username}, {@code aud}), RS256-signed with the test key whose public half
 * {@link OidcTestResource} gives the service. The service validates them for real: signature,
 * issuer, audience, expiry and roles.
 */
public final class TestTokens {
    public static final String ISSUER = "https://auth.switchboard.test/realms/switchboard";
    public static final String AUDIENCE = "switchboard";

    private TestTokens() {
    }

    /** A valid one-hour token of a user of {@code partnerId} with the given realm roles. */
    public static String bearer(String partnerId, String... roles) {
        return token().partner(partnerId).roles(roles).sign();
    }

    /** A valid one-hour token of the directory agent {@code agentId} of {@code partnerId} ({@code agent_id} claim). */
    public static String agent(String partnerId, long agentId, String... roles) {
        return token().partner(partnerId).agentId(agentId).roles(roles).sign();
    }

    public static Builder token() {
        return new Builder();
    }

    public static String verificationKeyPem() {
        return resource("token-verification-key.pem");
    }

    /** The public key as {@code quarkus.oidc.public-key} wants it: base64 DER without PEM armour. */
    public static String verificationKeyBase64() {
        return verificationKeyPem()
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
    }

    private static String resource(String name) {
        try (InputStream in = TestTokens.class.getResourceAsStream("/switchboard-testing/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private String subject = UUID.randomUUID().toString();
        private String username = "test-user";
        private String partnerId;
        private List<String> roles = List.of();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofHours(1);
        private boolean signWithForeignKey;
        private Object agentId;

        public Builder partner(String partnerId) {
            this.partnerId = partnerId;
            return this;
        }

        public Builder roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        /** The numeric {@code agent_id} claim Keycloak maps from the user's attribute: the directory agent. */
        public Builder agentId(long agentId) {
            this.agentId = agentId;
            return this;
        }

        /** An {@code agent_id} claim of any JSON value (a string, a non-numeric text) for negative tests. */
        public Builder agentIdClaim(Object value) {
            this.agentId = value;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Issued {@code age} ago with the given lifetime; an age above the lifetime gives an expired token. */
        public Builder issued(Duration age, Duration lifetime) {
            this.issuedAt = Instant.now().minus(age);
            this.lifetime = lifetime;
            return this;
        }

        /** Signs with a freshly generated key the service has never seen. */
        public Builder signedByStranger() {
            this.signWithForeignKey = true;
            return this;
        }

        public String sign() {
            JwtClaimsBuilder claims = Jwt.claims()
                    .issuer(issuer)
                    .subject(subject)
                    .audience(audience)
                    .claim("preferred_username", username)
                    .claim("typ", "Bearer")
                    .claim("azp", "switchboard-web")
                    .claim("realm_access", Map.of("roles", roles))
                    .issuedAt(issuedAt)
                    .expiresAt(issuedAt.plus(lifetime));
            if (partnerId != null) {
                claims.claim("partner_id", partnerId);
            }
            if (agentId != null) {
                claims.claim("agent_id", agentId);
            }
            return claims.jws().keyId("switchboard-test").sign(signingKey());
        }

        private PrivateKey signingKey() {
            try {
                return signWithForeignKey
                        ? KeyUtils.generateKeyPair(2048).getPrivate()
                        : KeyUtils.decodePrivateKey(resource("token-signing-key.pem"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot load the test signing key", e);
            }
        }
    }
}
