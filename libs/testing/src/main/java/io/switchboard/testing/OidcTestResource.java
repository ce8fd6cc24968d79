package io.switchboard.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Makes the service under test trust tokens from {@link TestTokens}: quarkus-oidc verifies their
 * signature with the test public key and checks issuer, audience and expiry, exactly as it checks
 * Keycloak's tokens in production. Authentication stays on.
 */
public class OidcTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.public-key", TestTokens.verificationKeyBase64(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                "quarkus.oidc.token.audience", TestTokens.AUDIENCE);
    }

    @Override
    public void stop() {
        // Nothing runs.
    }
}
