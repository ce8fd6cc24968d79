package io.switchboard.chat.store;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The signed custom-data tokens a partner has used (table {@code signed_data_uses}): a token is
 * accepted once. Rows live until the token has expired; a sweep deletes them afterwards.
 */
@ApplicationScoped
public class SignedDataUses {
    private final Pool pool;

    public SignedDataUses(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the first use of {@code tokenId}; false if it was used before and is still live. A row
     * whose token has expired (not swept yet) is taken over, so a reused {@code jti} on a new token is
     * not refused for the sweep's delay.
     */
    public Uni<Boolean> use(String partnerId, String tokenId, long chatId, Instant acceptableUntil) {
        return pool.preparedQuery("""
                        INSERT INTO signed_data_uses (partner_id, token_id, chat_id, expires_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (partner_id, token_id) DO UPDATE
                            SET chat_id = excluded.chat_id, expires_at = excluded.expires_at, used_at = now()
                            WHERE signed_data_uses.expires_at < now()
                        RETURNING 1""")
                .execute(Tuple.of(partnerId, tokenId, chatId, OffsetDateTime.ofInstant(acceptableUntil, ZoneOffset.UTC)))
                .map(rows -> rows.size() == 1);
    }

    /** Forgets a use whose data was then refused (nothing written): the client may send the token again. */
    public Uni<Void> forget(String partnerId, String tokenId) {
        return pool.preparedQuery("DELETE FROM signed_data_uses WHERE partner_id = $1 AND token_id = $2")
                .execute(Tuple.of(partnerId, tokenId)).replaceWithVoid();
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return pool.query("DELETE FROM signed_data_uses WHERE expires_at < now()").execute().replaceWithVoid();
    }
}
