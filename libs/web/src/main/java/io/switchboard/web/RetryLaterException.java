package io.switchboard.web;

/**
 * Nothing was done, and the same request may succeed later: RFC 9457 problem+json with {@code Retry-After}.
 * Two causes, one answer shape: a budget that refills with time ({@link #tooManyRequests}, 429; the request rate
 * limit answers the same way from its filter) and a read that must see a write not applied yet
 * ({@link #notYetApplied}, 503 naming the header that asked for it).
 */
public final class RetryLaterException extends RuntimeException {
    private final int status;
    private final String field;
    private final long retryAfterSeconds;

    private RetryLaterException(int status, String field, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** The caller used up a budget that refills with time: 429. */
    public static RetryLaterException tooManyRequests(String detail, long retryAfterSeconds) {
        return new RetryLaterException(429, null, detail, retryAfterSeconds);
    }

    /** The write that {@code field} (a request header) names is not applied within the bounded wait: 503. */
    public static RetryLaterException notYetApplied(String field, String detail, long retryAfterSeconds) {
        return new RetryLaterException(503, field, detail, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    /** The request part the problem names, or null. */
    public String field() {
        return field;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
