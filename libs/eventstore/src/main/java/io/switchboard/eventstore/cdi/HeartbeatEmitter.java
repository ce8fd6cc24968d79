package io.switchboard.eventstore.cdi;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.Heartbeats;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Appends this service's {@link Heartbeats heartbeat} every {@code switchboard.heartbeat.interval}
 * (default 5 s) and deletes beats older than {@code switchboard.heartbeat.retention} (default 24 h)
 * once an hour. On with {@code switchboard.heartbeat.enabled} (default true, false in tests); a
 * service that writes no events (reporting) turns it off. {@code switchboard.heartbeat.source} names
 * the service (e.g. {@code chat}).
 */
@ApplicationScoped
public class HeartbeatEmitter {
    private static final System.Logger LOG = System.getLogger(HeartbeatEmitter.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final boolean enabled;
    private final Duration interval;
    private final Duration retention;
    private final Optional<String> source;
    private final EventStore store;
    private final Pool pool;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private Heartbeats heartbeats;
    private long beatTimer = -1;
    private long purgeTimer = -1;
    private volatile boolean failing;

    HeartbeatEmitter(@ConfigProperty(name = "switchboard.heartbeat.enabled") boolean enabled,
                     @ConfigProperty(name = "switchboard.heartbeat.interval") Duration interval,
                     @ConfigProperty(name = "switchboard.heartbeat.retention") Duration retention,
                     @ConfigProperty(name = "switchboard.heartbeat.source") Optional<String> source,
                     EventStore store, Pool pool, Vertx vertx, Clock clock) {
        this.enabled = enabled;
        this.interval = interval;
        this.retention = retention;
        this.source = source;
        this.store = store;
        this.pool = pool;
        this.vertx = vertx;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        String name = source.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "switchboard.heartbeat.source must name the service (or set switchboard.heartbeat.enabled=false)"));
        heartbeats = new Heartbeats(store, pool, name, clock);
        beatTimer = vertx.setPeriodic(interval.toMillis(), id -> beat());
        purgeTimer = vertx.setPeriodic(Duration.ofSeconds(30).toMillis(), PURGE_EVERY.toMillis(), id -> purge());
        LOG.log(System.Logger.Level.INFO, "heartbeat {0} every {1} ms", heartbeats.stream(), interval.toMillis());
    }

    void stop(@Observes ShutdownEvent event) {
        if (beatTimer >= 0) {
            vertx.cancelTimer(beatTimer);
            vertx.cancelTimer(purgeTimer);
        }
    }

    private void beat() {
        // A beat still waiting on a slow database is not joined by another one.
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        heartbeats.beat().subscribe().with(written -> {
            inFlight.set(false);
            if (failing) {
                failing = false;
                LOG.log(System.Logger.Level.INFO, "heartbeat {0} written again", heartbeats.stream());
            }
        }, failure -> {
            inFlight.set(false);
            // Once per outage at WARN: a database that is down says so elsewhere too.
            LOG.log(failing ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "heartbeat " + heartbeats.stream() + " not written", failure);
            failing = true;
        });
    }

    private void purge() {
        heartbeats.purge(retention).subscribe().with(
                deleted -> LOG.log(System.Logger.Level.DEBUG, "heartbeat {0}: {1} old beats deleted", heartbeats.stream(), deleted),
                failure -> LOG.log(System.Logger.Level.WARNING, "deleting old heartbeats of " + heartbeats.stream() + " failed", failure));
    }
}
