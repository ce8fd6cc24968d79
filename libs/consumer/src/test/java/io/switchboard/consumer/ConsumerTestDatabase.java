package io.switchboard.consumer;

import io.switchboard.eventstore.EventStoreSchema;
import io.switchboard.testing.RealPostgres;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of the shared real PostgreSQL with the libraries' migrations (the consumer tables among
 * them) and a test read model: {@code tallies}, per stream the number of events applied and the sum of
 * their positions (an event applied twice shows in both).
 */
final class ConsumerTestDatabase implements AutoCloseable {
    final String name;
    final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    final Vertx vertx = Vertx.vertx();
    final Pool pool;
    private final RealPostgres postgres = RealPostgres.shared();

    ConsumerTestDatabase(String name) {
        this.name = postgres.database(name);
        EventStoreSchema.migrate(postgres.jdbcUrl(this.name), postgres.user(), postgres.password());
        dataSource.setUrl(postgres.jdbcUrl(this.name));
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
                        .setDatabase(this.name).setUser(postgres.user()).setPassword(postgres.password()))
                .using(vertx).build();
        execute("""
                CREATE TABLE IF NOT EXISTS tallies (
                    read_model   text   NOT NULL,
                    partner_id   text   NOT NULL,
                    aggregate_id text   NOT NULL,
                    events       int    NOT NULL,
                    position_sum bigint NOT NULL,
                    PRIMARY KEY (read_model, partner_id, aggregate_id))""");
    }

    void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database refuses every connection (and drops the open ones) until {@link #up()}: an outage. */
    void down() {
        onServer("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        onServer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
    }

    void up() {
        onServer("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    private void onServer(String sql) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        up();
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }
}
