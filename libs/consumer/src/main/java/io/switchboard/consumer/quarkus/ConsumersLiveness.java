package io.switchboard.consumer.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness DOWN while a read-model consumer is stuck (see {@link ConsumerHealth}): a restart may unstick it. */
@Liveness
@ApplicationScoped
public class ConsumersLiveness implements HealthCheck {
    private final ReadModelConsumers consumers;

    public ConsumersLiveness(ReadModelConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        return ConsumerHealth.of(consumers.all(), false);
    }
}
