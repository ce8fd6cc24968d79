package io.switchboard.eventstore;

import org.flywaydb.core.Flyway;

/**
 * Applies the event-store migrations outside Quarkus (tests, benchmarks, tools). Quarkus services
 * run the same scripts through quarkus-flyway with {@code quarkus.flyway.locations=db/eventstore,...}.
 */
public final class EventStoreSchema {
    public static final String LOCATION = "classpath:db/eventstore";

    private EventStoreSchema() {
    }

    public static void migrate(String jdbcUrl, String user, String password) {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations(LOCATION)
                .load()
                .migrate();
    }
}
