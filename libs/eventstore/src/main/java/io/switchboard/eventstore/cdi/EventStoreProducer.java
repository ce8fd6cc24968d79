package io.switchboard.eventstore.cdi;

import io.switchboard.events.EventCodec;
import io.switchboard.eventstore.EventStore;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;

/** Gives Quarkus services an {@link EventStore} on the application's reactive datasource. */
@ApplicationScoped
public class EventStoreProducer {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return EventCodec.standard();
    }

    @Produces
    @Singleton
    EventStore eventStore(Pool pool, EventCodec codec, Clock clock,
                          @ConfigProperty(name = "switchboard.eventstore.max-event-bytes") int maxEventBytes) {
        return new EventStore(pool, codec, clock, maxEventBytes);
    }
}
