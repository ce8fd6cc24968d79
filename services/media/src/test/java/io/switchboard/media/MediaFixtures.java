package io.switchboard.media;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.EnvelopePublisher;
import io.vertx.mutiny.sqlclient.Pool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Chats and calls announced on Kafka as their services would, and the calls a client makes. */
public final class MediaFixtures {
    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static EnvelopePublisher kafka;

    private MediaFixtures() {
    }

    private static synchronized EnvelopePublisher kafka() {
        if (kafka == null) {
            kafka = new EnvelopePublisher(RealKafka.shared().bootstrapServers());
        }
        return kafka;
    }

    public static String token(String partner) {
        return TestTokens.agent(partner, 7001, "agent");
    }

    /** A new chat of the partner, once the media service knows it (its upload form answers). */
    public static long chat(String partner) {
        long id = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
        Instant now = Instant.now();
        kafka().publish(Topics.CHAT, partner, ChatEvents.AGGREGATE_TYPE, id, 1, new ChatCreated(id, "queued", 1L, "en",
                null, null, null, null, List.of(), now, now.plusSeconds(600)));
        awaitKnown(partner, "chats", id);
        return id;
    }

    /** A new call of the partner, once the media service knows it. */
    public static long call(String partner) {
        return call(partner, null);
    }

    /** A new call of the partner with the interaction unique id, once the media service knows it. */
    public static long call(String partner, String interactionUniqueId) {
        long id = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
        kafka().publish(Topics.INTERACTION, partner, CallEvents.AGGREGATE_TYPE, id, 1, new CallCreated(id, "inbound",
                "queued", 1L, "en", null, null, null, null, interactionUniqueId, null, null, Instant.now()));
        awaitKnown(partner, "calls", id);
        return id;
    }

    private static void awaitKnown(String partner, String channel, long id) {
        await().atMost(PATIENCE).until(() -> given().auth().oauth2(token(partner)).contentType(ContentType.JSON)
                .post("/apps/api/v1/" + channel + "/" + id + "/photos/upload").statusCode() == 200);
    }

    /** {@code POST …/{kind}/upload}, optionally naming the content type. */
    public static JsonPath form(String partner, String channel, long id, String kind, String contentType) {
        var request = given().auth().oauth2(token(partner)).contentType(ContentType.JSON);
        if (contentType != null) {
            request = request.body(Map.of("content_type", contentType));
        }
        return request.post("/apps/api/v1/" + channel + "/" + id + "/" + kind + "/upload")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Uploads {@code bytes} with a fresh form of this chat or call; returns the key. */
    public static String upload(String partner, String channel, long id, String kind, String contentType, byte[] bytes) {
        JsonPath form = form(partner, channel, id, kind, contentType);
        Map<String, String> fields = form.getMap("fields");
        var response = BrowserForm.post(form.getString("url"), fields, "upload", contentType, bytes);
        if (response.statusCode() != 201) {
            throw new AssertionError("upload refused: " + response.statusCode() + " " + response.body());
        }
        return fields.get("key");
    }

    public static long count(Pool pool, String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }
}
