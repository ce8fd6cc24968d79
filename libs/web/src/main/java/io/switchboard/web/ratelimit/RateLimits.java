package io.switchboard.web.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;

/**
 * Token buckets (Bucket4j) per partner and per credential, in this instance's memory: with N instances
 * behind a load balancer a caller gets up to N times the configured rate. A request takes one token
 * from its credential's bucket and one from its partner's; it is refused if either is empty, and a
 * request refused by the partner's bucket gives its credential token back. Plain Java: unit-testable.
 */
public final class RateLimits {
    private final RateLimitConfig.Limit partnerLimit;
    private final RateLimitConfig.Limit credentialLimit;
    private final Cache<String, Bucket> partners;
    private final Cache<String, Bucket> credentials;

    public RateLimits(RateLimitConfig.Limit partner, RateLimitConfig.Limit credential, Duration idleExpiry,
                      long maxBuckets) {
        this.partnerLimit = checked("partner", partner);
        this.credentialLimit = checked("credential", credential);
        this.partners = Caffeine.newBuilder().expireAfterAccess(idleExpiry).maximumSize(maxBuckets).build();
        this.credentials = Caffeine.newBuilder().expireAfterAccess(idleExpiry).maximumSize(maxBuckets).build();
    }

    /** What a request was allowed; {@code retryAfter} is set when it was refused. */
    public record Decision(boolean allowed, String exhausted, Duration retryAfter) {
        public static final Decision ALLOWED = new Decision(true, null, Duration.ZERO);

        /** Whole seconds, rounded up and at least 1, as {@code Retry-After} wants them. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L);
        }
    }

    /** Takes a token for one request of {@code credential} (unique within the partner) of {@code partner}. */
    public Decision acquire(String partner, String credential) {
        Bucket credentialBucket = credentials.get(partner + '\u0000' + credential, k -> bucket(credentialLimit));
        ConsumptionProbe byCredential = credentialBucket.tryConsumeAndReturnRemaining(1);
        if (!byCredential.isConsumed()) {
            return new Decision(false, "credential", Duration.ofNanos(byCredential.getNanosToWaitForRefill()));
        }
        ConsumptionProbe byPartner = partners.get(partner, k -> bucket(partnerLimit)).tryConsumeAndReturnRemaining(1);
        if (!byPartner.isConsumed()) {
            credentialBucket.addTokens(1);
            return new Decision(false, "partner", Duration.ofNanos(byPartner.getNanosToWaitForRefill()));
        }
        return Decision.ALLOWED;
    }

    private static Bucket bucket(RateLimitConfig.Limit limit) {
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()))
                .build();
    }

    private static RateLimitConfig.Limit checked(String name, RateLimitConfig.Limit limit) {
        if (limit.capacity() < 1 || limit.refill() < 1 || limit.period().isNegative() || limit.period().isZero()) {
            throw new IllegalArgumentException("switchboard.rate-limit." + name
                    + ": capacity and refill must be >= 1 and period positive");
        }
        return limit;
    }
}
