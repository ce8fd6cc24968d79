package io.switchboard.web;

/**
 * The caller has used up a budget that refills with time (HTTP 429 with {@code Retry-After}, RFC 9457
 * problem+json); nothing was done. The request rate limit answers the same way from its filter.
 */
public class TooManyRequestsException extends RuntimeException {
    private final long retryAfterSeconds;

    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
