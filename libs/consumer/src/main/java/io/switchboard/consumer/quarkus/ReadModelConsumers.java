package io.switchboard.consumer.quarkus;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.consumer.Backoff;
import io.switchboard.consumer.ConsumerSettings;
import io.switchboard.consumer.ConsumerSpec;
import io.switchboard.consumer.Ledger;
import io.switchboard.consumer.ReadModelConsumer;
import io.switchboard.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's read-model consumers: a service starts each of its loops here (usually when the
 * application starts), and health, metrics and the admin endpoint find them here. Kafka settings are the
 * application's {@code kafka.*} properties (so {@code KAFKA_BOOTSTRAP_SERVERS} works as before); the
 * ledger is the default JDBC datasource.
 *
 * <p>Configuration: {@code switchboard.consumers.retry.first} (100 ms) and {@code .retry.max} (10 s), the
 * back-off; {@code switchboard.consumers.stuck-after} (PT1M), how long a loop may fail to apply a batch
 * before liveness and readiness say DOWN; {@code switchboard.consumers.refresh} (500 ms), how often the
 * log-end offsets are read; {@code switchboard.consumers.linger} (20 ms), how long a loop that just received
 * records waits before it fetches again (batches under load; see {@link ConsumerSettings}).
 */
@ApplicationScoped
public class ReadModelConsumers {
    private final Map<String, ReadModelConsumer> consumers = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Ledger ledger;
    private final EventCodec codec;
    private final ConsumerSettings settings;
    private final Clock clock;

    public ReadModelConsumers(MeterRegistry meters, DataSource dataSource, EventCodec codec, Clock clock,
                              @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaConfig,
                              @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrap,
                              @ConfigProperty(name = "switchboard.consumers.retry.first", defaultValue = "PT0.1S") Duration firstRetry,
                              @ConfigProperty(name = "switchboard.consumers.retry.max", defaultValue = "PT10S") Duration maxRetry,
                              @ConfigProperty(name = "switchboard.consumers.stuck-after", defaultValue = "PT1M") Duration stuckAfter,
                              @ConfigProperty(name = "switchboard.consumers.refresh", defaultValue = "PT0.5S") Duration refresh,
                              @ConfigProperty(name = "switchboard.consumers.linger", defaultValue = "PT0.02S") Duration linger) {
        this.meters = meters;
        this.ledger = new Ledger(dataSource);
        this.codec = codec;
        this.clock = clock;
        Map<String, Object> kafka = new HashMap<>();
        if (kafkaConfig.isResolvable()) {
            kafkaConfig.get().forEach((key, value) -> {
                if (value != null && !String.valueOf(value).isEmpty()) {
                    kafka.put(key, value);
                }
            });
        }
        kafka.put("bootstrap.servers", bootstrap);
        this.settings = new ConsumerSettings(kafka, new Backoff(firstRetry, maxRetry), stuckAfter, refresh, linger);
    }

    /** Starts a loop; its name must be unique in the service. */
    public ReadModelConsumer start(ConsumerSpec spec) {
        ReadModelConsumer consumer = new ReadModelConsumer(spec, settings, ledger, meters, codec, clock);
        if (consumers.putIfAbsent(spec.name(), consumer) != null) {
            throw new IllegalStateException("a consumer named " + spec.name() + " is running already");
        }
        return consumer.start();
    }

    public Collection<ReadModelConsumer> all() {
        return List.copyOf(consumers.values());
    }

    public Optional<ReadModelConsumer> named(String name) {
        return Optional.ofNullable(consumers.get(name));
    }

    /** The loops feeding one read model. */
    public List<ReadModelConsumer> feeding(String readModel) {
        List<ReadModelConsumer> feeding = new ArrayList<>();
        consumers.values().forEach(c -> {
            if (c.spec().readModel().equals(readModel)) {
                feeding.add(c);
            }
        });
        return feeding;
    }

    public ConsumerSettings settings() {
        return settings;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        consumers.values().forEach(ReadModelConsumer::close);
    }
}
