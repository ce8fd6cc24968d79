package io.switchboard.reporting.media;

import java.time.Instant;

/** The "Video" family: as {@link Photo}, without a photo type, with a duration. */
public record Video(long id, String url, String channel, long channelId, String contentType, Long sizeBytes,
                    Long durationSeconds, Instant attachedAt) {
}
