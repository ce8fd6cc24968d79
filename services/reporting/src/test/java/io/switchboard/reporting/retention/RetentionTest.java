package io.switchboard.reporting.retention;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.reporting.Scenario;
import io.switchboard.reporting.TestClock;
import io.switchboard.reporting.messages.ChatMessage;
import io.switchboard.reporting.messages.MessageQueries;
import io.switchboard.reporting.projection.Projector;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled purge of {@code chat_messages}, run by hand with the service's clock moved: a message goes a
 * year after it was sent (seed 002's history), in batches (the test profile's batch is 2 rows).
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class RetentionTest {
    private static final long CHAT = 4711;

    @Inject
    Projector projector;
    @Inject
    MessageQueries messages;
    @Inject
    RetentionPurge purge;
    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private void sent(String partner, long messageId, Instant at) {
        projector.apply(TestEnvelopes.of(Scenario.redactedMessage(CHAT, messageId, "customer", null, null,
                        "message " + messageId, List.of(), 0, null, null, at))
                .partner(partner).aggregate(RedactionEvents.AGGREGATE_TYPE, CHAT).sequence(messageId).at(at).build());
    }

    private List<Long> kept(String partner) throws SQLException {
        return messages.ofChat(partner, CHAT).stream().map(ChatMessage::messageId).toList();
    }

    @Test
    void aMessageGoesAYearAfterItWasSentInBatches() throws SQLException {
        String partner = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        // Five past the year: more than two batches of 2.
        for (long id = 1; id <= 5; id++) {
            sent(partner, id, now.minus(Duration.ofDays(400 + id)));
        }
        sent(partner, 6, now.minus(Duration.ofDays(300)));
        sent(partner, 7, now);

        assertThat(purge.purge()).as("other tests' messages are recent: only these five are past it").isEqualTo(5);
        assertThat(kept(partner)).containsExactly(6L, 7L);
        assertThat(purge.purge()).as("nothing left to purge").isZero();

        clock.shift(Duration.ofDays(70));
        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);
        assertThat(kept(partner)).containsExactly(7L);
    }

    @Test
    void aRedeliveryOfAPurgedMessageDoesNotBringItBack() throws SQLException {
        String partner = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(500));
        sent(partner, 1, old);
        purge.purge();
        assertThat(kept(partner)).isEmpty();
        sent(partner, 1, old);
        assertThat(kept(partner)).as("its position is recorded: applied once, purged once").isEmpty();
    }
}
