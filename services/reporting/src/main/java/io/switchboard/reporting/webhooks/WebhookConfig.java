package io.switchboard.reporting.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code switchboard.reporting.webhooks.*}: limits of the API, the worker's pace and the retry schedule. */
@ConfigMapping(prefix = "switchboard.reporting.webhooks")
public interface WebhookConfig {
    /** How often the worker looks for due deliveries (the scheduler's {@code every}: {@code 1s}, {@code PT0.5S}). */
    @WithDefault("1s")
    String poll();

    /** Subscriptions a partner may have at once. */
    @WithDefault("25")
    int maxPerPartner();

    /**
     * Hosts a subscription may name although they are loopback or private, and over plain http (a local
     * receiver in development and tests). Empty in production: https to a public address only.
     */
    Optional<List<String>> allowedHosts();

    /** How long one request may take, connect included. */
    @WithDefault("PT10S")
    Duration timeout();

    /** The wait before the second attempt; it doubles after each failed attempt (with jitter), up to {@link #maxBackoff}. */
    @WithDefault("PT5S")
    Duration initialBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** Attempts of one delivery; after the last failed one the delivery is failed. */
    @WithDefault("8")
    int maxAttempts();

    /** Consecutive failed deliveries after which the subscription is disabled. */
    @WithDefault("5")
    int disableAfter();

    /** Deliveries one worker claims per round (sent in parallel). */
    @WithDefault("50")
    int batch();

    /** Delivered and failed deliveries (and their attempts) are removed this long after they completed. */
    @WithDefault("P7D")
    Duration retention();
}
