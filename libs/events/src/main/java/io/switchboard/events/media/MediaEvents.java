package io.switchboard.events.media;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;

import java.time.Instant;

/** Events of photos and videos (topic {@code switchboard.media}). */
public final class MediaEvents {
    public static final String PHOTO = "photo";
    public static final String VIDEO = "video";

    private MediaEvents() {
    }

    /**
     * The media service's download path of a photo or video ({@link #PHOTO}, {@link #VIDEO}) on the public API
     * host: a GET with the caller's credentials redirects to a fresh pre-signed URL. Read sides answer it as the
     * item's {@code url}, so they sign nothing and call no service.
     */
    public static String downloadPath(String kind, long id) {
        return "/apps/api/v1/media/" + kind + "s/" + id;
    }

    /** {@code channel} is {@code call} or {@code chat}; {@code channelId} the call or chat id. */
    @EventType(name = "PhotoAttached")
    public record PhotoAttached(long photoId, String channel, long channelId, String photoType, String objectKey,
                                String contentType, long sizeBytes, String interactionUniqueId,
                                Instant attachedAt) implements DomainEvent {
    }

    @EventType(name = "VideoAttached")
    public record VideoAttached(long videoId, String channel, long channelId, String objectKey, String contentType,
                                long sizeBytes, Integer durationSeconds, Instant attachedAt) implements DomainEvent {
    }
}
