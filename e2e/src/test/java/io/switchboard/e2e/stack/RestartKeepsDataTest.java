package io.switchboard.e2e.stack;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.eventstore.StreamId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A second {@code up} after {@code down} finds everything where it was: events, realm and users. */
@ExtendWith(LocalStack.class)
class RestartKeepsDataTest {

    @Test
    void downThenUpKeepsEventsAndKeycloakUsers() throws Exception {
        long callId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        StreamId call = StreamId.of("call", callId);
        List<EventEnvelope> before;
        try (StackClients interaction = new StackClients("interaction")) {
            before = interaction.store.append("globex", call, 0,
                    List.of(new CallQueued(callId, 3L, Instant.now().truncatedTo(ChronoUnit.MILLIS)))).await().indefinitely().envelopes();
        }

        LocalStack.run(Duration.ofMinutes(3), "down");
        LocalStack.run(Duration.ofMinutes(10), "up");

        try (StackClients interaction = new StackClients("interaction")) {
            assertThat(interaction.store.load("globex", call).await().indefinitely().events()).isEqualTo(before);
        }
        assertThat(KeycloakAuthTest.token("gus.agent")).isNotBlank();
    }
}
