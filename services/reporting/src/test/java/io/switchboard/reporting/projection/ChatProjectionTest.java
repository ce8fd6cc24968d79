package io.switchboard.reporting.projection;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.reporting.chats.Chat;
import io.switchboard.reporting.chats.ChatQueries;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A chat's status follows its hand-overs (bot, then agent) until it ends. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ChatProjectionTest {
    private static final Instant T = Instant.parse("2026-11-21T09:00:00Z");

    @Inject
    Projector projector;
    @Inject
    ChatQueries chats;

    private static EventEnvelope event(String partner, long sequence, DomainEvent data, Instant at) {
        return TestEnvelopes.of(data).partner(partner).aggregate(ChatEvents.AGGREGATE_TYPE, 77).sequence(sequence).at(at).build();
    }

    private String status(String partner) throws SQLException {
        return chats.find(partner, 77).map(Chat::status).orElseThrow();
    }

    @Test
    void theStatusIsVirtualAgentThenAgentThenFinished() throws SQLException {
        String partner = "chat-status-" + UUID.randomUUID();
        projector.apply(event(partner, 1, new ChatCreated(77, "queued", 3L, "en", new EndUser(42L, "42", null, null, null),
                null, Map.of(), List.of(), List.of(), T, T.plusSeconds(600)), T));
        assertThat(status(partner)).isEqualTo("queued");

        projector.apply(event(partner, 2, new ChatAssigned(77, "virtual_agent", 5, "Botty", 1, "router",
                T.plusSeconds(1), 1), T.plusSeconds(1)));
        assertThat(status(partner)).isEqualTo("va_assigned");

        projector.apply(event(partner, 3, new ChatAssigned(77, "agent", 9, "Cy", 2, "router", T.plusSeconds(60), 2),
                T.plusSeconds(60)));
        assertThat(status(partner)).isEqualTo("assigned");

        projector.apply(event(partner, 4, new ChatFinished(77, "finished", null, null, T.plusSeconds(300)),
                T.plusSeconds(300)));
        assertThat(status(partner)).isEqualTo("finished");
    }
}
