package io.switchboard.reporting.media;

import java.time.Instant;

/** The "Video" family: as {@link Photo}, without a photo type, with a duration. */
public record Video(long id, String url, String channel, long channelId, String contentType, Long sizeBytes,
                    Long durationSeconds, Instant attachedAt) {
    /** The media service's download path (services/media README, "Downloads"). */
    public static String downloadPath(long id) {
        return "/apps/api/v1/media/videos/" + id;
    }
}
