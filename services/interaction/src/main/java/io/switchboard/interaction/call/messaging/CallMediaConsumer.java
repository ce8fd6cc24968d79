package io.switchboard.interaction.call.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.consumer.ConsumerSpec;
import io.switchboard.consumer.RecordHandler;
import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.media.MediaEvents;
import io.switchboard.events.media.MediaEvents.PhotoAttached;
import io.switchboard.events.media.MediaEvents.VideoAttached;
import io.switchboard.interaction.call.store.CallMedia;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Learns the photos and videos attached to calls from {@code switchboard.media} (libs/consumer loop
 * {@code call-media}, rebuildable), so the call object lists them. Chats' items are not this service's.
 */
@ApplicationScoped
public class CallMediaConsumer {
    public static final String READ_MODEL = "call-media";
    private static final String CALL = "call";

    private final Pool pool;
    private final ReadModelConsumers consumers;
    private final String group;
    private final AppliedPositions positions = new AppliedPositions(READ_MODEL);

    public CallMediaConsumer(Pool pool, ReadModelConsumers consumers,
                             @ConfigProperty(name = "switchboard.call-media.consumer-group", defaultValue = "interaction-call-media") String group) {
        this.pool = pool;
        this.consumers = consumers;
        this.group = group;
    }

    void start(@Observes StartupEvent startup) {
        consumers.start(ConsumerSpec.named(READ_MODEL)
                .topics(Topics.MEDIA)
                .group(group)
                .records(RecordHandler.reactive(this::apply, Duration.ofMinutes(1)))
                .rebuildable(CallMedia.TABLES)
                .build());
    }

    /** @return false if the event had been applied before */
    public Uni<Boolean> apply(EventEnvelope envelope) {
        if (envelope.data() instanceof PhotoAttached photo && CALL.equals(photo.channel())) {
            return positions.applyOnce(pool, envelope, (tx, event) -> CallMedia.record(tx, event.partnerId(),
                    photo.channelId(), photo.photoId(), MediaEvents.PHOTO, photo.photoType(), photo.attachedAt()));
        }
        if (envelope.data() instanceof VideoAttached video && CALL.equals(video.channel())) {
            return positions.applyOnce(pool, envelope, (tx, event) -> CallMedia.record(tx, event.partnerId(),
                    video.channelId(), video.videoId(), MediaEvents.VIDEO, null, video.attachedAt()));
        }
        return Uni.createFrom().item(Boolean.TRUE); // not for this read model: nothing to apply
    }
}
