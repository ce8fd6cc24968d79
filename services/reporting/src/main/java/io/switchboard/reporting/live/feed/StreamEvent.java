package io.switchboard.reporting.live.feed;

/**
 * One SSE message: an event ({@code name}, optional {@code id}, JSON {@code data}) or a comment (heartbeat).
 * Feed events are built once per row and shared by every subscriber.
 */
public record StreamEvent(String name, String id, String data, String comment) {
    public static final String SNAPSHOT = "snapshot";
    public static final String RESET = "reset";
    public static final StreamEvent KEEP_ALIVE = new StreamEvent(null, null, null, "keep-alive");

    public static StreamEvent of(FeedRow row) {
        return new StreamEvent(row.kind(), row.cursor().encode(), row.body(), null);
    }

    public static StreamEvent snapshot(String json) {
        return new StreamEvent(SNAPSHOT, null, json, null);
    }

    public static StreamEvent reset(String reason) {
        return new StreamEvent(RESET, null, "{\"reason\":\"" + reason + "\"}", null);
    }
}
