package io.switchboard.reporting.media;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.media.MediaEvents.PhotoAttached;
import io.switchboard.events.media.MediaEvents.VideoAttached;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Upsert;
import io.switchboard.reporting.jdbc.Writes;

import java.util.List;

/** Photos and videos attached to calls and chats (the media service's {@code switchboard.media} topic). */
public class MediaProjection implements Projection.PerEvent {
    public static final List<String> TABLES = List.of("photos", "videos");

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public void apply(Writes w, EventEnvelope e) {
        Object data = e.data();
        if (data instanceof PhotoAttached d) {
            Upsert.into("photos").key("partner_id", e.partnerId()).key("id", d.photoId())
                    .set("channel", d.channel()).set("channel_id", d.channelId()).set("photo_type", d.photoType())
                    .set("object_key", d.objectKey()).set("content_type", d.contentType())
                    .set("size_bytes", d.sizeBytes()).set("interaction_unique_id", d.interactionUniqueId())
                    .earliest("attached_at", d.attachedAt() == null ? e.occurredAt() : d.attachedAt()).run(w);
        } else if (data instanceof VideoAttached d) {
            Upsert.into("videos").key("partner_id", e.partnerId()).key("id", d.videoId())
                    .set("channel", d.channel()).set("channel_id", d.channelId()).set("object_key", d.objectKey())
                    .set("content_type", d.contentType()).set("size_bytes", d.sizeBytes())
                    .set("duration_seconds", d.durationSeconds())
                    .earliest("attached_at", d.attachedAt() == null ? e.occurredAt() : d.attachedAt()).run(w);
        }
    }
}
