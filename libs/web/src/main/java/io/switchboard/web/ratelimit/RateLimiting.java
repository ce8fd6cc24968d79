package io.switchboard.web.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's rate limits as configured ({@code switchboard.rate-limit.*}). A normal-scoped bean:
 * REST filters are created while the application is built, before the runtime configuration exists,
 * so the filter holds a proxy and the buckets are made on the first request.
 */
@ApplicationScoped
public class RateLimiting {
    private final RateLimits limits;

    public RateLimiting(RateLimitConfig config) {
        this.limits = config.enabled()
                ? new RateLimits(config.partner(), config.credential(), config.idleExpiry(), config.maxBuckets())
                : null;
    }

    public RateLimits.Decision acquire(String partner, String credential) {
        return limits == null ? RateLimits.Decision.ALLOWED : limits.acquire(partner, credential);
    }
}
