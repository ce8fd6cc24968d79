package io.switchboard.reporting.api;

import io.smallrye.health.api.HealthGroup;
import io.switchboard.events.WireTime;
import io.switchboard.reporting.messaging.Watermark;
import io.switchboard.reporting.messaging.ConsumerProgress;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The watermark in health: readiness carries it as data and stays UP (lag must not pull reporting out of
 * its load balancer); the group {@code /q/health/group/watermark} is DOWN while not caught up.
 */
public final class WatermarkHealth {
    private WatermarkHealth() {
    }

    static HealthCheckResponseBuilder data(Watermark watermark) {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("reporting watermark")
                .withData("complete_as_of", watermark.completeAsOf() == null ? "none"
                        : WireTime.format(watermark.completeAsOf()))
                .withData("caught_up", watermark.caughtUp());
        if (watermark.completeAsOf() != null) {
            health.withData("lag_ms", watermark.lagMillis());
        }
        return health;
    }

    @Readiness
    @ApplicationScoped
    public static class InReadiness implements HealthCheck {
        private final ConsumerProgress progress;

        public InReadiness(ConsumerProgress progress) {
            this.progress = progress;
        }

        @Override
        public HealthCheckResponse call() {
            return data(progress.watermark()).up().build();
        }
    }

    @HealthGroup("watermark")
    @ApplicationScoped
    public static class CaughtUp implements HealthCheck {
        private final ConsumerProgress progress;

        public CaughtUp(ConsumerProgress progress) {
            this.progress = progress;
        }

        @Override
        public HealthCheckResponse call() {
            Watermark watermark = progress.watermark();
            return data(watermark).status(watermark.caughtUp()).build();
        }
    }
}
