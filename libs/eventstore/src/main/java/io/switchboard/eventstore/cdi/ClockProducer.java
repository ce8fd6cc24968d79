package io.switchboard.eventstore.cdi;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock of a service: every bean that needs "now" injects {@link Clock}, none calls
 * {@code Clock.systemUTC()} itself. A default bean, so a test can fix time by producing its own
 * {@code Clock} (e.g. {@code Clock.fixed(...)}) in its sources.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
