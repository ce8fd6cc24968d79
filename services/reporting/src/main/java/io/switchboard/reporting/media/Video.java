package io.switchboard.reporting.media;

import io.switchboard.events.media.MediaEvents;

import java.time.Instant;

/** The "Video" family: as {@link Photo}, without a photo type, with a duration. */
public record Video(long id, String url, String channel, long channelId, String contentType, Long sizeBytes,
                    Long durationSeconds, Instant attachedAt) {
    /** The media service's download path (services/media README, "Downloads"). */
    public static String downloadPath(long id) {
        return MediaEvents.downloadPath(MediaEvents.VIDEO, id);
    }
}
