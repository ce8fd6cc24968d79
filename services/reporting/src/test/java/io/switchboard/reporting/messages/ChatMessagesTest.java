package io.switchboard.reporting.messages;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.events.redaction.RedactionEvents.EntitySpan;
import io.switchboard.events.redaction.RedactionEvents.TopMatch;
import io.switchboard.reporting.AppliedEvents;
import io.switchboard.reporting.Scenario;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.switchboard.reporting.Scenario.CHAT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code MessageRedacted} from {@code switchboard.redaction}, through the real broker and the service's own
 * consumer loop, becomes one {@code chat_messages} row per message with every field of the event; a
 * redelivery changes nothing.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ChatMessagesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    MessageQueries messages;
    @Inject
    AgroalDataSource dataSource;

    private static EnvelopePublisher publisher() {
        return new EnvelopePublisher(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @Test
    void everyFieldOfTheEventIsStoredAndARedeliveryChangesNothing() throws SQLException {
        String partner = "messages-" + UUID.randomUUID().toString().substring(0, 8);
        List<EventEnvelope> events = Scenario.redacted(partner);
        try (EnvelopePublisher publisher = publisher()) {
            events.forEach(e -> publisher.publish(Topics.REDACTION, e));
            await().atMost(PATIENCE).until(() -> messages.ofChat(partner, CHAT_ID).size() == 2);

            List<ChatMessage> stored = messages.ofChat(partner, CHAT_ID);
            ChatMessage customer = stored.get(0);
            assertThat(customer.messageId()).isEqualTo(1);
            assertThat(customer.sessionId()).isEqualTo(CHAT_ID + ".1");
            assertThat(customer.customerSessionId()).isEqualTo(String.valueOf(CHAT_ID));
            assertThat(customer.senderType()).isEqualTo("customer");
            assertThat(customer.senderId()).isNull();
            assertThat(customer.senderName()).isNull();
            assertThat(customer.chatType()).isEqualTo("bot");
            assertThat(customer.sessionChannel()).isEqualTo("chat");
            assertThat(customer.sessionChannelInfo()).isEqualTo("3");
            assertThat(customer.menuId()).isEqualTo(3L);
            assertThat(customer.redactedText()).isEqualTo("hi, I am ****NAME**** and my card ****NUMERIC**** was charged twice");
            assertThat(customer.entities()).containsExactly(new EntitySpan("NAME", 8, 13, 0.93),
                    new EntitySpan("NUMERIC", 25, 44, 0.99));
            assertThat(customer.sentiment()).isEqualTo(-0.4);
            assertThat(customer.language()).isEqualTo("en");
            assertThat(customer.topic()).isEqualTo("billing");
            assertThat(customer.score()).isEqualTo(0.82);
            assertThat(customer.topMatches()).containsExactly(new TopMatch("billing", 0.82, "I was charged twice"),
                    new TopMatch("refunds", 0.41, "give me my money back"));
            assertThat(customer.sentAt()).isEqualTo(Scenario.morning("31:00"));
            assertThat(customer.redactedAt()).isEqualTo(Scenario.morning("31:00").plusMillis(40));
            ChatMessage agent = stored.get(1);
            assertThat(agent.senderType()).isEqualTo("agent");
            assertThat(agent.senderId()).isEqualTo("103");
            assertThat(agent.senderName()).isEqualTo("Carol Agent");
            assertThat(agent.entities()).isEmpty();
            assertThat(agent.topic()).isNull();
            assertThat(agent.score()).isNull();
            assertThat(agent.topMatches()).isEmpty();
            // The entities are stored as the event has them: type and offsets, no value.
            assertThat(entitiesJson(partner)).allSatisfy(json -> assertThat(json).doesNotContain("value", "text"));
            List<String> rowsBefore = rows(partner);

            // Kafka delivers at least once: both again (the same events), then a third message.
            events.forEach(e -> publisher.publish(Topics.REDACTION, e));
            EventEnvelope third = TestEnvelopes.of(Scenario.redactedMessage(CHAT_ID, 3, "customer", null, null,
                            "thanks", List.of(), 0.6, null, null, Scenario.morning("33:00")))
                    .partner(partner).aggregate(RedactionEvents.AGGREGATE_TYPE, CHAT_ID).sequence(3).build();
            publisher.publish(Topics.REDACTION, third);
            await().atMost(PATIENCE).until(() -> messages.ofChat(partner, CHAT_ID).size() == 3);
            assertThat(rows(partner).subList(0, 2)).isEqualTo(rowsBefore);
            assertThat(AppliedEvents.count(dataSource, partner)).isEqualTo(3);
        }
    }

    @Test
    void anotherPartnersChatOfTheSameIdIsItsOwn() throws SQLException {
        String one = "messages-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "messages-" + UUID.randomUUID().toString().substring(0, 8);
        try (EnvelopePublisher publisher = publisher()) {
            Scenario.redacted(one).forEach(e -> publisher.publish(Topics.REDACTION, e));
            Scenario.redacted(other).subList(0, 1).forEach(e -> publisher.publish(Topics.REDACTION, e));
            await().atMost(PATIENCE).until(() -> messages.ofChat(one, CHAT_ID).size() == 2
                    && messages.ofChat(other, CHAT_ID).size() == 1);
        }
        assertThat(messages.ofChat(other, CHAT_ID)).extracting(ChatMessage::messageId).containsExactly(1L);
    }

    /** Every column of the partner's rows, as text, in message order. */
    private List<String> rows(String partner) throws SQLException {
        return query("SELECT t::text FROM chat_messages t WHERE partner_id = ? ORDER BY chat_id, message_id", partner);
    }

    private List<String> entitiesJson(String partner) throws SQLException {
        return query("SELECT entities::text FROM chat_messages WHERE partner_id = ? AND entities <> '[]'", partner);
    }

    private List<String> query(String sql, String partner) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }
}
