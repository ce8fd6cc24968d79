package io.switchboard.reporting.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends due deliveries: claims a round of them ({@link Webhooks#claim}: {@code FOR UPDATE SKIP LOCKED} and a lease,
 * so replicas share the work and never send one delivery at the same time), POSTs each — in parallel — as the
 * Standard Webhooks spec signs it, and records every attempt. A 2xx is delivered; anything else (another status,
 * a timeout, a refused connection, a redirect: none is followed) is retried after an exponentially growing wait
 * with jitter, until the last attempt fails the delivery. Response bodies are not read.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR = 256;

    private final Webhooks webhooks;
    private final WebhookConfig config;
    private final WebhookUrls urls;
    private final Clock clock;
    private final HttpClient http;
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter failedDeliveries;
    private final Counter disabled;
    private final Timer latency;
    private final AtomicLong disabledNow = new AtomicLong();
    private Instant lastPurge = Instant.EPOCH;

    public WebhookDispatcher(Webhooks webhooks, WebhookConfig config, Clock clock, MeterRegistry registry) {
        this.webhooks = webhooks;
        this.config = config;
        this.urls = new WebhookUrls(config.allowedHosts().orElse(List.of()));
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.delivered = registry.counter("switchboard.webhooks.attempts", "outcome", "delivered");
        this.failedAttempts = registry.counter("switchboard.webhooks.attempts", "outcome", "failed");
        this.failedDeliveries = registry.counter("switchboard.webhooks.deliveries.failed");
        this.disabled = registry.counter("switchboard.webhooks.subscriptions.disabled");
        this.latency = registry.timer("switchboard.webhooks.latency");
        Gauge.builder("switchboard.webhooks.subscriptions.disabled.current", disabledNow, AtomicLong::get)
                .description("subscriptions disabled now (all partners)").register(registry);
    }

    @Scheduled(every = "${switchboard.reporting.webhooks.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            List<Webhooks.Claimed> round;
            do {
                Instant now = clock.instant();
                // Longer than any request can take, so a delivery in flight is never taken by another worker.
                round = webhooks.claim(now, now.plus(config.timeout().multipliedBy(2)).plusSeconds(30), config.batch());
                send(round);
            } while (round.size() == config.batch());
            housekeeping();
        } catch (SQLException | RuntimeException e) {
            // Claimed deliveries keep their lease and are taken again when it runs out.
            LOG.warnf(e, "sending webhooks failed; retrying on the next tick");
        }
    }

    /** Sends one round and records each outcome; public for tests that drive a round themselves. */
    public void send(List<Webhooks.Claimed> round) throws SQLException {
        List<CompletableFuture<Webhooks.Outcome>> sending = new ArrayList<>(round.size());
        for (Webhooks.Claimed delivery : round) {
            sending.add(attempt(delivery));
        }
        for (int i = 0; i < round.size(); i++) {
            Webhooks.Claimed delivery = round.get(i);
            Webhooks.Outcome outcome = sending.get(i).join();
            Webhooks.Effect effect = webhooks.record(delivery, outcome, config.disableAfter());
            latency.record(outcome.latencyMs(), TimeUnit.MILLISECONDS);
            if (outcome.delivered()) {
                delivered.increment();
                continue;
            }
            failedAttempts.increment();
            String why = outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error();
            LOG.warnf("webhook attempt %d of %d failed: partner %s, subscription %s, event %s (%s): %s%s",
                    delivery.attempts() + 1, config.maxAttempts(), delivery.partnerId(), delivery.subscriptionId(),
                    delivery.eventId(), delivery.eventType(), why,
                    outcome.nextAttemptAt() == null ? "; the delivery failed" : "; next at " + outcome.nextAttemptAt());
            if (effect == Webhooks.Effect.FAILED || effect == Webhooks.Effect.FAILED_AND_DISABLED) {
                failedDeliveries.increment();
            }
            if (effect == Webhooks.Effect.FAILED_AND_DISABLED) {
                disabled.increment();
                LOG.warnf("webhook subscription %s of partner %s disabled after %d consecutive failed deliveries",
                        delivery.subscriptionId(), delivery.partnerId(), config.disableAfter());
            }
        }
    }

    private CompletableFuture<Webhooks.Outcome> attempt(Webhooks.Claimed delivery) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(delivery.url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(failure(delivery, at, started, null, "not a URL"));
        }
        Optional<String> refused = urls.refusalBeforeSending(uri);
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(failure(delivery, at, started, null, refused.get()));
        }
        String id = delivery.eventId().toString();
        long timestamp = at.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.sign(delivery.secret(), id, timestamp, delivery.payload()))
                .header("user-agent", "Switchboard-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        String message = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                        return failure(delivery, at, started, null, message);
                    }
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        return new Webhooks.Outcome(at, status, null, elapsed(started), true, null);
                    }
                    return failure(delivery, at, started, status, null);
                });
    }

    private Webhooks.Outcome failure(Webhooks.Claimed delivery, Instant at, long started, Integer status, String error) {
        int attempt = delivery.attempts() + 1;
        Instant next = attempt >= config.maxAttempts() ? null : clock.instant().plus(backoff(attempt));
        String shown = error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        return new Webhooks.Outcome(at, status, shown, elapsed(started), false, next);
    }

    /**
     * The wait after failed attempt {@code n}: initial × 2^(n−1), capped at the maximum, then a random point in its
     * upper half, so receivers that failed together are not retried in lockstep.
     */
    Duration backoff(int attempt) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long full = Math.min(max, initial * (1L << Math.min(attempt - 1, 40)));
        full = Math.max(1, Math.min(full, max));
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full - full / 2 + 1));
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Completed deliveries beyond retention are removed, and the disabled gauge refreshed, once a minute. */
    private void housekeeping() throws SQLException {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(Duration.ofMinutes(1)) < 0) {
            return;
        }
        lastPurge = now;
        Instant before = now.minus(config.retention());
        while (webhooks.purge(before, 5000) == 5000) {
            // each batch its own short statement
        }
        disabledNow.set(webhooks.disabledCount());
    }
}
