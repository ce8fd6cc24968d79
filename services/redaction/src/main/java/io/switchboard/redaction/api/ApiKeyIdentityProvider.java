package io.switchboard.redaction.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.credentials.ApiCredential;
import io.switchboard.web.credentials.ApiCredentialStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;

/**
 * A verified API key becomes the identity of its credential: its roles and its partner — the provider it may
 * read, whatever provider a request names. Same principal as libs/web's HTTP Basic credentials, so rate
 * limits count a key once however it is presented.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyMechanism.ApiKeyRequest> {
    private final ApiCredentialStore store;

    public ApiKeyIdentityProvider(ApiCredentialStore store) {
        this.store = store;
    }

    @Override
    public Class<ApiKeyMechanism.ApiKeyRequest> getRequestType() {
        return ApiKeyMechanism.ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyMechanism.ApiKeyRequest request, AuthenticationRequestContext context) {
        return store.verify(request.key()).map(found -> {
            ApiCredential credential = found.orElseThrow(() ->
                    new AuthenticationFailedException("unknown or revoked API key"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("api-credential:" + credential.id()))
                    .addRoles(new HashSet<>(credential.roles()))
                    .addAttribute(PartnerContext.CLAIM, credential.partnerId())
                    .build();
        });
    }
}
