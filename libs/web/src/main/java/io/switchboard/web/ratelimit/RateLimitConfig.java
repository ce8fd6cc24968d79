package io.switchboard.web.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code switchboard.rate-limit.*}: a token bucket per partner and one per credential (defaults in
 * libs/web {@code META-INF/microprofile-config.properties}, documented in the libs/web README).
 */
@ConfigMapping(prefix = "switchboard.rate-limit")
public interface RateLimitConfig {
    @WithDefault("true")
    boolean enabled();

    /** Every request of a partner, whichever credential it uses. */
    Limit partner();

    /** Every request of one token subject or one API credential. */
    Limit credential();

    /** Buckets unused this long are forgotten (a returning caller starts with a full bucket). */
    @WithDefault("PT10M")
    Duration idleExpiry();

    /** At most this many buckets of each kind are kept; the least recently used go first. */
    @WithDefault("100000")
    long maxBuckets();

    interface Limit {
        /** The burst: requests allowed at once after a quiet period. */
        long capacity();

        /** The sustained rate: {@code refill} tokens added back every {@code period}. */
        long refill();

        @WithDefault("PT1S")
        Duration period();
    }
}
