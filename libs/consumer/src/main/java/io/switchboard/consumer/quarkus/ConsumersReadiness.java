package io.switchboard.consumer.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness with every loop's state (caught up, lag, parked records, replaying); DOWN only while stuck. */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {
    private final ReadModelConsumers consumers;

    public ConsumersReadiness(ReadModelConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        return ConsumerHealth.of(consumers.all(), true);
    }
}
