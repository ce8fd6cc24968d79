package io.switchboard.reporting.live.feed;

/** One feed row as the stream sends it: {@code kind} is the SSE event name, {@code body} its JSON data. */
public record FeedRow(FeedCursor cursor, String partnerId, String kind, String body) {
}
