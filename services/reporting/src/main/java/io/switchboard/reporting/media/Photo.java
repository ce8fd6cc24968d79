package io.switchboard.reporting.media;

import io.switchboard.events.media.MediaEvents;

import java.time.Instant;

/**
 * The "Photo" family (docs/api/manager.md#photos-and-videos): listed on its own and nested in its call's
 * or chat's {@code photos}. {@code url} is the media service's download path of the photo on the same
 * public API host: a GET with the caller's credentials redirects to a fresh pre-signed URL. This service
 * signs nothing and calls no other one to answer; the path is made from the id alone.
 */
public record Photo(long id, String photoType, String url, String channel, long channelId, String contentType,
                    Long sizeBytes, Instant attachedAt) {
    /** The media service's download path (services/media README, "Downloads"). */
    public static String downloadPath(long id) {
        return MediaEvents.downloadPath(MediaEvents.PHOTO, id);
    }
}
