package io.switchboard.media.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.consumer.ConsumerSpec;
import io.switchboard.consumer.RecordHandler;
import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.media.domain.Channel;
import io.switchboard.media.store.ChannelOwners;
import io.switchboard.media.store.MediaSettings;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * Who owns which chat and call, from {@code ChatCreated} ({@code switchboard.chat}) and {@code CallCreated}
 * ({@code switchboard.interaction}), through the libs/consumer loop {@code media}: each event applied once,
 * in the transaction that records its stream position; a failure is retried until it applies.
 */
@ApplicationScoped
public class OwnersConsumer {
    public static final String READ_MODEL = "media";

    private final Pool pool;
    private final ReadModelConsumers consumers;
    private final String group;
    private final AppliedPositions positions = new AppliedPositions(READ_MODEL);

    public OwnersConsumer(Pool pool, ReadModelConsumers consumers,
                          MediaSettings settings) {
        this.pool = pool;
        this.consumers = consumers;
        this.group = settings.consumerGroup();
    }

    void start(@Observes StartupEvent startup) {
        consumers.start(ConsumerSpec.named(READ_MODEL)
                .topics(Topics.CHAT, Topics.INTERACTION)
                .group(group)
                .records(RecordHandler.reactive(this::apply, Duration.ofMinutes(1)))
                .rebuildable(ChannelOwners.TABLES)
                .build());
    }

    /** @return false if the event had been applied before */
    Uni<Boolean> apply(EventEnvelope envelope) {
        if (envelope.data() instanceof ChatCreated created) {
            return positions.applyOnce(pool, envelope,
                    (tx, event) -> ChannelOwners.record(tx, event.partnerId(), Channel.CHAT, created.chatId(), null));
        }
        if (envelope.data() instanceof CallCreated created) {
            return positions.applyOnce(pool, envelope,
                    (tx, event) -> ChannelOwners.record(tx, event.partnerId(), Channel.CALL, created.callId(),
                            created.interactionUniqueId()));
        }
        return Uni.createFrom().item(Boolean.TRUE); // not for this read model: nothing to apply
    }
}
