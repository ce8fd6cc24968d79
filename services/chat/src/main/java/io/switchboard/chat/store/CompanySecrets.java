package io.switchboard.chat.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Per-partner company secrets for signed custom data. Never returned by the API, never logged. */
@ApplicationScoped
public class CompanySecrets {
    private final Pool pool;

    public CompanySecrets(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> set(String partnerId, String secret) {
        return pool.preparedQuery("""
                        INSERT INTO company_secrets (partner_id, secret) VALUES ($1, $2)
                        ON CONFLICT (partner_id) DO UPDATE SET secret = excluded.secret, updated_at = now()""")
                .execute(Tuple.of(partnerId, secret)).replaceWithVoid();
    }

    public Uni<Optional<String>> of(String partnerId) {
        return pool.preparedQuery("SELECT secret FROM company_secrets WHERE partner_id = $1").execute(Tuple.of(partnerId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }
}
