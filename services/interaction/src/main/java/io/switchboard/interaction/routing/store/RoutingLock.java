package io.switchboard.interaction.routing.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One partner's routing is serialised by a transaction-scoped advisory lock: applying an event and
 * deciding assignments never interleave, across consumers and service instances.
 */
final class RoutingLock {
    private RoutingLock() {
    }

    static Uni<Void> take(SqlConnection conn, String partnerId) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('routing:' || $1))")
                .execute(Tuple.of(partnerId)).replaceWithVoid();
    }
}
