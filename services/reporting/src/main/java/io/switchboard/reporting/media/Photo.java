package io.switchboard.reporting.media;

import java.time.Instant;

/**
 * The "Photo" family (docs/api/manager.md#photos-and-videos): listed on its own and nested in its call's
 * or chat's {@code photos}. {@code url} is null: the file is in the media service's store, which does not
 * serve downloads yet, and this service never calls another one to answer.
 */
public record Photo(long id, String photoType, String url, String channel, long channelId, String contentType,
                    Long sizeBytes, Instant attachedAt) {
}
