package io.switchboard.reporting.dataapi.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Each partner's budget of query cost points (in the spirit of Shopify's calculated query cost and GitHub's
 * node limit): a bucket of {@link Settings#capacity()} points that refills at {@link Settings#restorePerSecond()}
 * points a second. A query takes its calculated cost ({@link DataGraph#cost}) before it runs; a query that costs
 * more than the bucket has left waits ({@code 429}, {@code Retry-After}), one that costs more than the bucket
 * holds can never run. In this instance's memory (Bucket4j), like libs/web's request rate limit: N instances give
 * a partner up to N budgets. System-level reads across partners share one bucket of their own.
 */
@ApplicationScoped
public class CostBudget {
    /** The budget's configuration. */
    @ConfigMapping(prefix = "switchboard.dataapi.cost")
    public interface Settings {
        /** Points a partner can spend at once; also the most one query may cost. */
        @WithDefault("50000")
        long capacity();

        /** Points given back each second. */
        @WithDefault("2500")
        long restorePerSecond();
    }

    /** What a query was charged and what is left, for {@code extensions.cost}. */
    public record Charge(long requested, long available, long capacity, long restorePerSecond) {
    }

    private final long capacity;
    private final long restore;
    private final Cache<String, Bucket> buckets;

    public CostBudget(Settings settings) {
        if (settings.capacity() < 1 || settings.restorePerSecond() < 1) {
            throw new IllegalArgumentException("switchboard.dataapi.cost.capacity and .restore-per-second must be >= 1");
        }
        this.capacity = settings.capacity();
        this.restore = settings.restorePerSecond();
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(100_000).build();
    }

    public long capacity() {
        return capacity;
    }

    /**
     * Takes {@code cost} points of {@code partner}'s budget. Throws {@link TooCostly} if the query can never
     * run, {@link io.switchboard.web.RetryLaterException} (429) if it must wait.
     */
    public Charge spend(String partner, long cost) {
        if (cost > capacity) {
            throw new TooCostly(cost, capacity);
        }
        Bucket bucket = buckets.get(partner, k -> Bucket.builder()
                .addLimit(l -> l.capacity(capacity).refillGreedy(restore, Duration.ofSeconds(1))).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(Math.max(1, cost));
        if (!probe.isConsumed()) {
            long seconds = (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L;
            throw io.switchboard.web.RetryLaterException.tooManyRequests("the query costs " + cost + " points and "
                    + probe.getRemainingTokens() + " of the partner's " + capacity + " are left (" + restore
                    + " come back each second); retry after " + Math.max(1, seconds) + " s", seconds);
        }
        return new Charge(cost, probe.getRemainingTokens(), capacity, restore);
    }

    /** A query whose cost is over the whole budget: it can never run as it is. */
    public static final class TooCostly extends RuntimeException {
        TooCostly(long cost, long capacity) {
            super("the query costs " + cost + " points; at most " + capacity + " are allowed (ask for fewer items"
                    + " with first, or select fewer nested lists)", null, false, false);
        }
    }
}
