package io.switchboard.consumer.quarkus;

import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.consumer.positions.AppliedWaits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Optional;

/**
 * Read-your-writes for a service that serves a read model: requests carrying
 * {@code Switchboard-Min-Position} wait ({@link ReadYourWritesFilter}) until the read model named by
 * {@code switchboard.read-your-writes.read-model} has applied the write (unset: the header is ignored, the
 * service has no read model to wait on).
 *
 * <p>Configuration: {@code switchboard.read-your-writes.wait} (PT5S), how long a request waits by default;
 * {@code .max-wait} (PT30S), the cap of a client's {@code Prefer: wait=<seconds>}; {@code .poll-interval}
 * (PT0.01S), the shortest time between two statements of the shared poller; {@code .max-waiting} (10000),
 * how many requests may wait at once (more are answered 503 at once).
 */
@ApplicationScoped
public class ReadYourWrites {
    private final Duration defaultWait;
    private final Duration maxWait;
    private final AppliedWaits waits;

    public ReadYourWrites(DataSource dataSource,
                          @ConfigProperty(name = "switchboard.read-your-writes.read-model") Optional<String> readModel,
                          @ConfigProperty(name = "switchboard.read-your-writes.wait", defaultValue = "PT5S") Duration defaultWait,
                          @ConfigProperty(name = "switchboard.read-your-writes.max-wait", defaultValue = "PT30S") Duration maxWait,
                          @ConfigProperty(name = "switchboard.read-your-writes.poll-interval", defaultValue = "PT0.01S") Duration pollInterval,
                          @ConfigProperty(name = "switchboard.read-your-writes.max-waiting", defaultValue = "10000") int maxWaiting) {
        if (defaultWait.isNegative() || maxWait.compareTo(defaultWait) < 0 || maxWait.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("switchboard.read-your-writes: need 0 <= wait <= max-wait <= PT5M");
        }
        this.defaultWait = defaultWait;
        this.maxWait = maxWait;
        this.waits = readModel.filter(name -> !name.isBlank())
                .map(name -> new AppliedWaits(dataSource, name, pollInterval, maxWaiting)).orElse(null);
    }

    /** The shared waits, or empty if this service has no read model to wait on. */
    public Optional<AppliedWaits> waits() {
        return Optional.ofNullable(waits);
    }

    /** The wait of a request that asked for {@code requested} (null: none), capped at {@code max-wait}. */
    public Duration waitFor(Duration requested) {
        return requested == null ? defaultWait : requested.compareTo(maxWait) > 0 ? maxWait : requested;
    }

    void stop(@Observes ShutdownEvent event) {
        if (waits != null) {
            waits.close();
        }
    }
}
