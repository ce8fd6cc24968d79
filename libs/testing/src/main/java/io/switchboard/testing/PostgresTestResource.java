package io.switchboard.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a Quarkus service under test at a database of the shared real PostgreSQL, for both the
 * reactive client and JDBC (Flyway migrations). Init arg {@code database} names it (default
 * {@code switchboard}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private String database = "switchboard";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        RealPostgres postgres = RealPostgres.shared();
        String db = postgres.database(database);
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(db),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(db),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped by a shutdown hook.
    }
}
