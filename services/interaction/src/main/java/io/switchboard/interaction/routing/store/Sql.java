package io.switchboard.interaction.routing.store;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Statement parameters that may be null, and instants as the PostgreSQL client wants them. */
final class Sql {
    private Sql() {
    }

    static Tuple params(Object... values) {
        return Tuple.from(Arrays.asList(values));
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
