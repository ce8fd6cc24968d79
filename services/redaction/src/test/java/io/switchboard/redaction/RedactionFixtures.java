package io.switchboard.redaction;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.EnvelopePublisher;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What the redaction tests share: chats published to {@code switchboard.chat} as the chat service's outbox
 * would (one stream per chat, its Kafka key), the wait for the pipeline, and callers of the API.
 */
public final class RedactionFixtures {
    public static final String PROBLEM = "application/problem+json";
    public static final Duration PATIENCE = Duration.ofSeconds(60);
    public static final String ACME_SUPERVISOR = TestTokens.bearer("acme", "supervisor");
    public static final String ACME_ADMIN = TestTokens.bearer("acme", "admin");
    public static final String GLOBEX_SUPERVISOR = TestTokens.bearer("globex", "supervisor");
    public static final String MESSAGES = "/KoopidPartnerServer/api/APIEndpoint/Dashboard/Messages";
    /** Chat ids unique across test classes and runs against a kept database. */
    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
    private static EnvelopePublisher publisher;

    private RedactionFixtures() {
    }

    public static synchronized EnvelopePublisher kafka() {
        if (publisher == null) {
            publisher = new EnvelopePublisher(RealKafka.shared().bootstrapServers());
        }
        return publisher;
    }

    public static long newId() {
        return IDS.addAndGet(1 + ThreadLocalRandom.current().nextInt(100));
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String session(String provider) {
        return "/KoopidPartnerServer/api/APIEndpoint/Dashboard/" + provider + "/RedactedMessages";
    }

    /** One chat's stream on switchboard.chat: each event at the next sequence, under the chat's key. */
    public static final class Chat {
        public final String partner;
        public final long id;
        private long sequence;
        private int segment = 1;
        private long messages;
        private boolean held;

        public Chat(String partner, long id) {
            this.partner = partner;
            this.id = id;
        }

        public static Chat of(String partner) {
            return new Chat(partner, newId());
        }

        /** Created on menu {@code menuId}, for an end user with a name and an email the service must never keep. */
        public EventEnvelope created(Long menuId, boolean botFirst, String customerName, String customerEmail) {
            return publish(new ChatCreated(id, "queued", menuId, "en",
                    new EndUser(4242L, customerEmail, customerName, customerEmail, "+1 555 000 1111"), customerEmail, Map.of(),
                    List.of(), botFirst ? List.of("virtual_agent", "escalation") : List.of("human_agents"), now(), null));
        }

        /** A change of hands: the first holder keeps segment 1, every later one starts the next (as the chat service does). */
        public EventEnvelope assigned(String type, long assigneeId, String name) {
            if (held) {
                segment++;
            }
            held = true;
            return publish(new ChatAssigned(id, type, assigneeId, name, segment, "router", now(), sequence + 1));
        }

        public EventEnvelope fromCustomer(String text) {
            return message("end_user", "4242", null, text, now());
        }

        public EventEnvelope fromAgent(long agentId, String name, String text) {
            return message("agent", Long.toString(agentId), name, text, now());
        }

        public EventEnvelope fromBot(long botId, String name, String text) {
            return message("virtual_agent", Long.toString(botId), name, text, now());
        }

        public EventEnvelope message(String senderType, String senderId, String senderName, String text, Instant sentAt) {
            messages++;
            return publish(new MessageSent(id, messages, segment, senderType, senderId, senderName, "text", text, Map.of(),
                    sentAt, null));
        }

        public EventEnvelope publish(io.switchboard.events.DomainEvent event) {
            sequence++;
            return kafka().publish(Topics.CHAT, partner, ChatEvents.AGGREGATE_TYPE, id, sequence, event);
        }

        public long messagesSent() {
            return messages;
        }
    }

    /** Waits until the pipeline has a row for each of the chat's messages. */
    public static void awaitRedacted(Pool pool, Chat chat) {
        await().atMost(PATIENCE).until(() -> rows(pool, chat.partner, chat.id) >= chat.messagesSent());
    }

    public static long rows(Pool pool, String partner, long chatId) {
        return pool.preparedQuery("SELECT count(*) FROM redacted_messages WHERE partner_id = $1 AND chat_id = $2")
                .execute(Tuple.of(partner, chatId)).await().indefinitely().iterator().next().getLong(0);
    }

    public static long events(Pool pool, long chatId) {
        return pool.preparedQuery("SELECT count(*) FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of("redacted_message-" + chatId)).await().indefinitely().iterator().next().getLong(0);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).accept(ContentType.JSON);
    }

    /** A Digital Engagement API key of the admin's partner, issued through libs/web's credentials endpoint. */
    public static String issueKey(String adminToken, String... roles) {
        String body = roles.length == 0 ? "{\"name\": \"dashboard export\"}"
                : "{\"name\": \"dashboard export\", \"roles\": [\"" + String.join("\", \"", roles) + "\"]}";
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .post("/admin/api-credentials").then().statusCode(201).extract().path("token");
    }

    public static RequestSpecification withKey(String key) {
        return given().header("Authorization", "Bearer " + key).accept(ContentType.JSON);
    }
}
