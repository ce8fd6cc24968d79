package io.switchboard.eventstore;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventRegistry;
import io.switchboard.testing.RealPostgres;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.util.ArrayList;
import java.util.List;

/** A migrated event-store database on the shared real PostgreSQL, with a pool onto it. */
final class EventStoreDatabase implements AutoCloseable {
    static final EventCodec CODEC = codec();

    final Vertx vertx = Vertx.vertx();
    final Pool pool;

    EventStoreDatabase(String name, int poolSize) {
        RealPostgres postgres = RealPostgres.shared();
        String db = postgres.database(name);
        EventStoreSchema.migrate(postgres.jdbcUrl(db), postgres.user(), postgres.password());
        pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(poolSize))
                .connectingTo(new PgConnectOptions()
                        .setHost(postgres.host()).setPort(postgres.port()).setDatabase(db)
                        .setUser(postgres.user()).setPassword(postgres.password())
                        .setCachePreparedStatements(true))
                .using(vertx)
                .build();
    }

    EventStore store() {
        return new EventStore(pool, CODEC);
    }

    long rowCount(StreamId stream) {
        return pool.preparedQuery("SELECT count(*) FROM event_store WHERE stream_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(stream.value()))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Override
    public void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    private static EventCodec codec() {
        List<Class<? extends DomainEvent>> types = new ArrayList<>(EventRegistry.standard().types());
        types.addAll(List.of(Tab.Opened.class, Tab.Added.class, Tab.Closed.class));
        return new EventCodec(EventRegistry.of(types));
    }
}
