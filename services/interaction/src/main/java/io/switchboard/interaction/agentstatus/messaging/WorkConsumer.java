package io.switchboard.interaction.agentstatus.messaging;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The Kafka side of {@link WorkEvents}: calls from {@code switchboard.interaction}, chats from {@code switchboard.chat}. */
@ApplicationScoped
public class WorkConsumer {
    private final WorkEvents events;

    public WorkConsumer(WorkEvents events) {
        this.events = events;
    }

    @Incoming("agent-status-calls")
    public Uni<Void> onCallEvent(EventEnvelope envelope) {
        return events.apply(envelope);
    }

    @Incoming("agent-status-chats")
    public Uni<Void> onChatEvent(EventEnvelope envelope) {
        return events.apply(envelope);
    }
}
