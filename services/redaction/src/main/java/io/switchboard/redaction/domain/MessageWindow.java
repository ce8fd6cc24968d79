package io.switchboard.redaction.domain;

import io.switchboard.eventstore.decider.InvalidCommandException;

import java.time.Duration;
import java.time.Instant;

/**
 * Which messages a request of the redacted messages API asks for: sent in {@code [from, to)} (either end
 * open, for a session read without a window), at most {@code limit} of them after skipping {@code offset}.
 * The rules (docs/api/redacted-messages.md#time-window):
 * <ul>
 *   <li>{@code start}/{@code end} are Unix epoch <em>seconds</em> from 0 to 253402300799 (9999-12-31); a value
 *       that looks like milliseconds is refused rather than read as a date thousands of years away;</li>
 *   <li>{@code start} inclusive, {@code end} exclusive; {@code end} before {@code start} or more than seven
 *       days after it is a 400 naming {@code end};</li>
 *   <li>{@code limit} 0 or absent is the default, above the maximum a 400; {@code offset} from 0 to 10,000,000.</li>
 * </ul>
 */
public record MessageWindow(Instant from, Instant to, int limit, long offset) {
    public static final long MAX_EPOCH_SECONDS = 253_402_300_799L;
    public static final Duration MAX_SPAN = Duration.ofDays(7);
    public static final long MAX_OFFSET = 10_000_000L;

    /** The paging limits of the deployment ({@code switchboard.redaction.api.*}). */
    public record Paging(int defaultLimit, int maxLimit) {
        public Paging {
            if (defaultLimit < 1 || maxLimit < defaultLimit) {
                throw new IllegalArgumentException("need 1 <= default limit <= max limit");
            }
        }
    }

    /** The provider endpoint: both ends required. */
    public static MessageWindow provider(Long start, Long end, Long limit, Long offset, Paging paging) {
        if (start == null) {
            throw new InvalidCommandException("start", "start is required: Unix epoch seconds");
        }
        if (end == null) {
            throw new InvalidCommandException("end", "end is required: Unix epoch seconds, at most 7 days after start");
        }
        return of(start, end, limit, offset, paging);
    }

    /**
     * The session endpoint: a customer session is short, so the window is optional — none reads the whole
     * session; one end alone reads the seven days after {@code start} or before {@code end}.
     */
    public static MessageWindow session(Long start, Long end, Long limit, Long offset, Paging paging) {
        if (start == null && end == null) {
            return new MessageWindow(null, null, limit(limit, paging), offset(offset));
        }
        long from = start != null ? seconds(start, "start") : Math.max(0, seconds(end, "end") - MAX_SPAN.toSeconds());
        long to = end != null ? end : Math.min(MAX_EPOCH_SECONDS, from + MAX_SPAN.toSeconds());
        return of(from, to, limit, offset, paging);
    }

    private static MessageWindow of(long start, long end, Long limit, Long offset, Paging paging) {
        long from = seconds(start, "start");
        long to = seconds(end, "end");
        if (to < from) {
            throw new InvalidCommandException("end", "end must not be before start");
        }
        if (to - from > MAX_SPAN.toSeconds()) {
            throw new InvalidCommandException("end", "end - start is at most 7 days (604800 seconds)");
        }
        return new MessageWindow(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to), limit(limit, paging), offset(offset));
    }

    private static long seconds(long value, String field) {
        if (value < 0 || value > MAX_EPOCH_SECONDS) {
            throw new InvalidCommandException(field, field + " is Unix epoch seconds between 0 and " + MAX_EPOCH_SECONDS
                    + (value > MAX_EPOCH_SECONDS ? " (milliseconds are not accepted)" : ""));
        }
        return value;
    }

    private static int limit(Long limit, Paging paging) {
        if (limit == null || limit == 0) {
            return paging.defaultLimit();
        }
        if (limit < 0 || limit > paging.maxLimit()) {
            throw new InvalidCommandException("limit", "limit is 0 (the default, " + paging.defaultLimit() + ") to " + paging.maxLimit());
        }
        return limit.intValue();
    }

    private static long offset(Long offset) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidCommandException("offset", "offset is 0 to " + MAX_OFFSET);
        }
        return offset;
    }

    /** A number of a query parameter, or a 400 naming it; null when absent or empty. */
    public static Long number(String text, String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!text.matches("-?[0-9]{1,18}")) {
            throw new InvalidCommandException(field, field + " is an integer");
        }
        return Long.parseLong(text);
    }
}
