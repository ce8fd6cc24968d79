package io.switchboard.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.redaction.RedactionFixtures.Chat;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.switchboard.redaction.RedactionFixtures.ACME_SUPERVISOR;
import static io.switchboard.redaction.RedactionFixtures.PATIENCE;
import static io.switchboard.redaction.RedactionFixtures.as;
import static io.switchboard.redaction.RedactionFixtures.awaitRedacted;
import static io.switchboard.redaction.RedactionFixtures.events;
import static io.switchboard.redaction.RedactionFixtures.kafka;
import static io.switchboard.redaction.RedactionFixtures.newId;
import static io.switchboard.redaction.RedactionFixtures.now;
import static io.switchboard.redaction.RedactionFixtures.rows;
import static io.switchboard.redaction.RedactionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

/**
 * The pipeline end to end inside the service: chat events published to Kafka as the chat service's outbox
 * would, redacted by the consumer loop, appended as MessageRedacted to the event store, shown by the API —
 * and a redelivery of every event changes nothing.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "redaction"))
@WithTestResource(KafkaTestResource.class)
class PipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void aBotThenAnAgentConversationIsRedactedAndShownAsOneCustomerSession() {
        long menu = newId();
        long agent = newId();
        kafka().publish(Topics.INTERACTION, "acme", DirectoryEvents.MENU, menu, 1,
                new MenuCreated(menu, "Billing questions", "chat", "queue", null, List.of(), null, now()));
        kafka().publish(Topics.INTERACTION, "acme", DirectoryEvents.AGENT, agent, 1, new AgentCreated(agent, "Ann Agent", "Ann",
                "Agent", "ann@acme.example", null, List.of("agent"), List.of(), now()));
        Chat chat = Chat.of("acme");
        chat.created(menu, true, "Carla Customer", "carla@customer.example");
        chat.assigned("virtual_agent", 9, "Billy Bot");
        chat.fromBot(9, "Billy Bot", "Hi! How can I help?");
        chat.fromCustomer("my card is 4111 1111 1111 1111 and mail me at carla@customer.example");
        chat.assigned("agent", agent, "Ann Agent");
        chat.fromAgent(agent, "Ann Agent", "I refunded $25.00 to you");
        chat.fromCustomer("thanks");
        awaitRedacted(pool, chat);

        var answer = as(ACME_SUPERVISOR).queryParam("customersessionid", chat.id).get(session("acme")).then()
                .statusCode(200).contentType(ContentType.JSON)
                .body("", hasSize(1)).body("[0].messages", hasSize(4)).extract();
        List<JsonNode> messages = new ArrayList<>();
        readTree(answer.asString()).get(0).get("messages").forEach(messages::add);

        JsonNode bot = messages.get(0);
        assertThat(bot.get("sendertype").asText()).isEqualTo("bot");
        assertThat(bot.get("sendername").asText()).isEqualTo("Billy Bot");
        assertThat(bot.get("senderemail").isNull()).isTrue();
        assertThat(bot.get("chattype").asText()).isEqualTo("bot");
        assertThat(bot.get("sessionid").asText()).isEqualTo(chat.id + ".1");
        assertThat(bot.get("workflow").asText()).isEqualTo("Billing questions");
        assertThat(bot.get("sessionchannel").asText()).isEqualTo("chat");
        assertThat(bot.get("sessionchannelinfo").asText()).isEqualTo(Long.toString(menu));

        JsonNode customer = messages.get(1);
        assertThat(customer.get("text").asText())
                .isEqualTo("my card is ****NUMERIC**** and mail me at ****EMAIL****");
        assertThat(customer.get("sendertype").asText()).isEqualTo("customer");
        assertThat(customer.get("sendername").isNull()).as("a customer's name is never shown").isTrue();
        assertThat(customer.get("senderemail").isNull()).isTrue();
        assertThat(customer.get("chattype").asText()).isEqualTo("bot");
        assertThat(customer.get("sessionid").asText()).isEqualTo(chat.id + ".1");

        JsonNode fromAgent = messages.get(2);
        assertThat(fromAgent.get("text").asText()).isEqualTo("I refunded ****MONEY**** to you");
        assertThat(fromAgent.get("sendertype").asText()).isEqualTo("agent");
        assertThat(fromAgent.get("sendername").asText()).isEqualTo("Ann Agent");
        assertThat(fromAgent.get("senderemail").asText()).isEqualTo("ann@acme.example");
        assertThat(fromAgent.get("chattype").asText()).isEqualTo("agent");
        assertThat(fromAgent.get("sessionid").asText()).isEqualTo(chat.id + ".2");

        JsonNode last = messages.get(3);
        assertThat(last.get("customersessionid").asText()).isEqualTo(Long.toString(chat.id));
        assertThat(last.get("chattype").asText()).isEqualTo("agent");
        assertThat(last.get("sentiment").isNumber()).isTrue();
        assertThat(last.get("lang").asText()).isEqualTo("en");
        assertThat(last.get("ts").isIntegralNumber()).isTrue();
        assertThat(last.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
        assertThat(last.has("workflownodeid") && last.get("workflownodeid").isNull()).isTrue();
        assertThat(last.get("topmatches").isArray()).isTrue();
        assertThat(last.fieldNames()).toIterable().containsExactly("text", "timestamp", "ts", "sendername", "senderemail",
                "sendertype", "sessionid", "sentiment", "workflow", "workflownodeid", "topic", "score", "topmatches", "lang",
                "customersessionid", "sessionchannel", "sessionchannelinfo", "chattype");

        // The events: one MessageRedacted per message in the chat's stream, with spans and no raw values.
        assertThat(events(pool, chat.id)).isEqualTo(4);
        JsonNode event = readTree(pool.preparedQuery("""
                        SELECT payload::text FROM event_store WHERE stream_id = $1 AND version = 2""")
                .execute(Tuple.of("redacted_message-" + chat.id)).await().indefinitely().iterator().next().getString(0));
        assertThat(event.get("type").asText()).isEqualTo("MessageRedacted");
        assertThat(event.get("aggregateId").asText()).isEqualTo("redacted_message-" + chat.id);
        JsonNode data = event.get("data");
        assertThat(data.get("redactedText").asText()).isEqualTo("my card is ****NUMERIC**** and mail me at ****EMAIL****");
        assertThat(data.get("entities")).hasSize(2);
        assertThat(data.get("entities").get(0).get("type").asText()).isEqualTo("NUMERIC");
        assertThat(data.get("entities").get(0).get("start").asInt()).isEqualTo(11);
        assertThat(data.get("entities").get(0).get("end").asInt()).isEqualTo(30);
        assertThat(data.get("entities").get(0).get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(data.get("senderType").asText()).isEqualTo("customer");
        assertThat(data.path("senderId").isMissingNode() || data.get("senderId").isNull()).isTrue();
        assertThat(data.path("senderName").isMissingNode() || data.get("senderName").isNull()).isTrue();
        assertThat(data.get("sessionId").asText()).isEqualTo(chat.id + ".1");
        assertThat(data.get("customerSessionId").asText()).isEqualTo(Long.toString(chat.id));
        assertThat(data.get("chatType").asText()).isEqualTo("bot");
        assertThat(event.toString()).doesNotContain("4111").doesNotContain("carla");
    }

    @Test
    void eachMessageHasItsSentimentLanguageAndIntents() {
        String admin = TestTokens.bearer("initrode", "admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"refund\", \"phrases\": [\"I'd like a refund\", \"please refund my order\"]}")
                .post("/redaction/api/v1/admin/intents").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"order_status\", \"phrases\": [\"where is my order\", \"my package hasn't arrived\"]}")
                .post("/redaction/api/v1/admin/intents").then().statusCode(201);
        Chat chat = Chat.of("initrode");
        chat.created(null, false, "Eve Customer", "eve@customer.example");
        chat.assigned("agent", 77, "Ann Agent");
        chat.fromCustomer("this is the third time I call, useless");
        chat.fromCustomer("Hola, mi pedido todavía no ha llegado y nadie me responde");
        chat.fromCustomer("I want my money back");
        chat.fromCustomer("thanks, that fixed it");
        awaitRedacted(pool, chat);

        var page = as(TestTokens.bearer("initrode", "supervisor")).queryParam("customersessionid", chat.id).get(session("initrode"))
                .then().statusCode(200).body("[0].messages", hasSize(4))
                .body("[0].messages[0].sentiment", lessThan(-0.2f))
                .body("[0].messages[0].lang", equalTo("en"))
                .body("[0].messages[0].topic", nullValue())
                .body("[0].messages[0].score", nullValue())
                // The chat is English (the hint); the message is detected as Spanish.
                .body("[0].messages[1].lang", equalTo("es"))
                .body("[0].messages[2].topic", equalTo("refund"))
                .body("[0].messages[2].score", greaterThanOrEqualTo(0.4f))
                .body("[0].messages[2].topmatches.intent", contains("refund", "order_status"))
                .body("[0].messages[2].topmatches[0].phrase", equalTo("I'd like a refund"))
                .body("[0].messages[3].sentiment", greaterThan(0.2f))
                .extract().jsonPath();
        assertThat(page.getFloat("[0].messages[2].topmatches[0].confidence")).isEqualTo(page.getFloat("[0].messages[2].score"));
    }

    @Test
    void aRedeliveryOfEveryEventChangesNothing() {
        Chat chat = Chat.of("acme");
        List<EventEnvelope> sent = new ArrayList<>();
        sent.add(chat.created(null, false, "Dora", "dora@example.org"));
        sent.add(chat.assigned("agent", 31, "Ann Agent"));
        sent.add(chat.fromCustomer("call me on 555 123 4567"));
        sent.add(chat.fromAgent(31, "Ann Agent", "will do"));
        awaitRedacted(pool, chat);
        String before = snapshot(chat.id, 2);

        // Debezium after a Connect restart: the same records again, then something new on the same key.
        for (EventEnvelope envelope : sent) {
            kafka().publish(Topics.CHAT, envelope);
        }
        chat.fromCustomer("one more");
        await().atMost(PATIENCE).until(() -> rows(pool, "acme", chat.id) == 3);

        assertThat(events(pool, chat.id)).isEqualTo(3);
        assertThat(snapshot(chat.id, 2)).isEqualTo(before);
        as(ACME_SUPERVISOR).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(200)
                .body("[0].messages", hasSize(3))
                .body("[0].messages[0].text", equalTo("call me on ****NUMERIC****"))
                .body("[0].messages[0].chattype", equalTo("agent"))
                .body("[0].messages[2].text", equalTo("one more"))
                .body("[0].messages[1].senderemail", nullValue());
    }

    @Test
    void aMessageOfAChatWhoseCreationWasNeverSeenIsStillRedacted() {
        Chat chat = new Chat("acme", newId());
        // The stream starts at sequence 5: its first events went before this service's retention.
        for (int i = 0; i < 4; i++) {
            chat.publish(new io.switchboard.events.chat.ChatEvents.ChatClaimed(chat.id, 1, now()));
        }
        chat.fromCustomer("reach me at x@y.example");
        awaitRedacted(pool, chat);
        as(ACME_SUPERVISOR).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(200)
                .body("[0].messages[0].text", equalTo("reach me at ****EMAIL****"))
                .body("[0].messages[0].chattype", equalTo("agent"))
                .body("[0].messages[0].workflow", nullValue())
                .body("[0].messages[0].sessionchannelinfo", nullValue());
    }

    /** Everything the pipeline wrote for the chat's first {@code messages} messages, in a comparable form. */
    private String snapshot(long chatId, int messages) {
        return pool.preparedQuery("""
                        SELECT (SELECT string_agg(message_id || ':' || redacted_text || ':' || redacted_at, ',' ORDER BY message_id)
                                  FROM redacted_messages WHERE chat_id = $1 AND message_id <= $3) || '/' ||
                               (SELECT string_agg(event_id::text || ':' || global_position, ',' ORDER BY version)
                                  FROM event_store WHERE stream_id = $2 AND version <= $3)""")
                .execute(Tuple.of(chatId, "redacted_message-" + chatId, messages)).await().indefinitely().iterator().next().getString(0);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
