package io.switchboard.web.credentials;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.web.PartnerContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Turns a verified API credential into an identity with its roles and its partner. */
@ApplicationScoped
public class ApiCredentialIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private static final Logger LOG = Logger.getLogger(ApiCredentialIdentityProvider.class);

    private final ApiCredentialStore store;

    public ApiCredentialIdentityProvider(ApiCredentialStore store) {
        this.store = store;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String partnerId = request.getUsername();
        return store.verify(partnerId, new String(request.getPassword().getPassword())).map(found -> {
            ApiCredential credential = found.orElseThrow(() -> {
                // The partner is logged to trace misconfigured clients; the secret never is.
                LOG.debugf("API credential refused for partner %s", partnerId);
                return new AuthenticationFailedException("unknown, revoked or mismatched API credential");
            });
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("api-credential:" + credential.id()))
                    .addRoles(new java.util.HashSet<>(credential.roles()))
                    .addAttribute(PartnerContext.CLAIM, credential.partnerId())
                    .build();
        });
    }
}
