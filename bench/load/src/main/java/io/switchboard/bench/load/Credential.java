package io.switchboard.bench.load;

import java.time.Duration;

/**
 * One Keycloak user of a partner and its current access token. {@link #refreshIfDue} keeps the token
 * valid (refresh grant, a password grant if the refresh is refused); {@link #bearer()} is read by the
 * sending threads.
 */
public final class Credential {
    /** Refreshed when less than this is left of the token's life (the realm's tokens live 5 minutes). */
    static final Duration MARGIN = Duration.ofSeconds(90);
    private final Keycloak.User user;
    private volatile Keycloak.Tokens tokens;

    Credential(Keycloak.User user, Keycloak.Tokens tokens) {
        this.user = user;
        this.tokens = tokens;
    }

    public static Credential login(Keycloak keycloak, Keycloak.User user) {
        return new Credential(user, keycloak.passwordGrant(user.username(), user.password()));
    }

    public Keycloak.User user() {
        return user;
    }

    public String username() {
        return user.username();
    }

    public String partnerId() {
        return user.partnerId();
    }

    /** The directory agent this user is (its token's {@code agent_id}), or null. */
    public Long agentId() {
        return user.agentId();
    }

    public String bearer() {
        return tokens.access();
    }

    void refreshIfDue(Keycloak keycloak, long nowNanos) {
        if (tokens.expiresAtNanos() - nowNanos > MARGIN.toNanos()) {
            return;
        }
        Keycloak.Tokens fresh = keycloak.refresh(tokens);
        tokens = fresh != null ? fresh : keycloak.passwordGrant(user.username(), user.password());
    }

    @Override
    public String toString() {
        return user.username();
    }
}
