package io.switchboard.web.position;

/**
 * A read asked to see a write ({@link PositionHeaderFilter#MIN_POSITION_HEADER}) that was not applied
 * within the bounded wait: HTTP 503 with {@code Retry-After}, RFC 9457 problem+json; nothing was read.
 */
public class PositionNotReachedException extends RuntimeException {
    private final long retryAfterSeconds;

    public PositionNotReachedException(String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
