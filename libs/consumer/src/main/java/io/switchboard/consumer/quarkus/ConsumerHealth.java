package io.switchboard.consumer.quarkus;

import io.switchboard.consumer.ConsumerStatus;
import io.switchboard.consumer.ReadModelConsumer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Collection;

/**
 * The health of the read-model consumers: DOWN while a loop has been failing to apply a batch for longer
 * than {@code switchboard.consumers.stuck-after}, UP otherwise (lag alone never makes it DOWN: that would
 * pull a service out of its load balancer for being busy). The data says, per loop, whether it is caught
 * up, how far behind, what it has parked and how long it has been failing. No record content ever.
 */
public final class ConsumerHealth {
    public static final String NAME = "read-model consumers";

    private ConsumerHealth() {
    }

    public static HealthCheckResponse of(Collection<ReadModelConsumer> consumers, boolean detailed) {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up();
        for (ReadModelConsumer consumer : consumers) {
            ConsumerStatus status = consumer.status();
            String name = status.name();
            if (consumer.stuck() || !status.running()) {
                health.down();
            }
            health.withData(name + ".stuck_seconds", Math.round(status.stuckSeconds()));
            if (status.lastError() != null) {
                health.withData(name + ".failing_with", status.lastError());
            }
            if (detailed) {
                health.withData(name + ".caught_up", status.caughtUp());
                health.withData(name + ".lag_records", status.lagRecords());
                health.withData(name + ".parked", status.parked());
                health.withData(name + ".replaying", status.replaying());
            }
        }
        return health.build();
    }
}
