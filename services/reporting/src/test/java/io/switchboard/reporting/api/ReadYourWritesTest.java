package io.switchboard.reporting.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.eventstore.position.PositionToken;
import io.switchboard.eventstore.position.PositionToken.StreamPosition;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.TestEnvelopes;
import io.switchboard.web.position.PositionHeaderFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Read-your-writes on reporting's reads (libs/consumer ReadYourWritesFilter): a read that names a write's
 * position answers only once the write is applied, on the Manager API and on GraphQL; a wait that runs out
 * is a 503 with Retry-After; a malformed token a 400 naming the header; a token of another partner is
 * refused without waiting and a forged one (the caller's partner, another partner's stream) learns nothing.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ReadYourWritesTest {
    static final String PARTNER = "ryw-" + UUID.randomUUID().toString().substring(0, 8);
    static final String OTHER = "ryw-other-" + UUID.randomUUID().toString().substring(0, 8);
    static final String HEADER = PositionHeaderFilter.MIN_POSITION_HEADER;
    static final AtomicLong CHAT_IDS = new AtomicLong(9_100);
    static EventFeed feed;

    @BeforeAll
    static void connect() {
        feed = new EventFeed();
    }

    @AfterAll
    static void disconnect() {
        feed.close();
    }

    static RequestSpecification as(String partner) {
        return given().auth().oauth2(TestTokens.bearer(partner, "supervisor"));
    }

    /** What the chat service does: a chat's events into its stream, through the outbox; the token it answers. */
    static String write(String partner, long chatId, int events) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(chatId);
        EventEnvelope created = TestEnvelopes.of(new ChatCreated(chatId, "queued", null, "en",
                        new ChatEvents.EndUser(5L, "cust-5", null, null, null), null, Map.of(), List.of(), List.of(), at, null))
                .partner(partner).aggregate(ChatEvents.AGGREGATE_TYPE, chatId).sequence(1).at(at).build();
        feed.send(List.of(created));
        if (events > 1) {
            feed.send(List.of(TestEnvelopes.of(new ChatFinished(chatId, "finished", "disconnected_by_end_user", null,
                    at.plusSeconds(60))).partner(partner).aggregate(ChatEvents.AGGREGATE_TYPE, chatId).sequence(2)
                    .at(at.plusSeconds(60)).build()));
        }
        return token(partner, chatId, events);
    }

    static String token(String partner, long chatId, long version) {
        return new PositionToken(partner, List.of(new StreamPosition(ChatEvents.AGGREGATE_TYPE,
                TestEnvelopes.key(ChatEvents.AGGREGATE_TYPE, chatId), version))).encode();
    }

    @Test
    void aReadWithTheTokenOfAWriteSeesTheWriteEveryTime() {
        for (int i = 0; i < 5; i++) {
            long chatId = CHAT_IDS.incrementAndGet();
            String token = write(PARTNER, chatId, 2);
            as(PARTNER).header(HEADER, token).get("/manager/api/v1/chats/" + chatId).then().statusCode(200)
                    .body("id", equalTo((int) chatId)).body("status", equalTo("finished"));
        }
    }

    @Test
    void graphqlWaitsToo() {
        long chatId = CHAT_IDS.incrementAndGet();
        String token = write(PARTNER, chatId, 1);
        as(PARTNER).header(HEADER, token).contentType(ContentType.JSON)
                .body(Map.of("query", "{ getConversationById(conversationId: \"chat-" + chatId + "\") { conversationId } }"))
                .post("/graphql").then().statusCode(200).body("errors", nullValue())
                .body("data.getConversationById.conversationId", equalTo("chat-" + chatId));
    }

    @Test
    void aWriteNotAppliedInTimeIs503WithRetryAfter() {
        String never = token(PARTNER, 999_999_001L, 1);
        long started = System.nanoTime();
        as(PARTNER).header(HEADER, never).header("Prefer", "wait=1").get("/manager/api/v1/chats").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "1")
                .body("errors[0].field", equalTo(HEADER));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(waitedMillis).isBetween(1_000L, 4_000L);

        as(PARTNER).header(HEADER, never).header("Prefer", "wait=1").contentType(ContentType.JSON)
                .body(Map.of("query", "{ __typename }")).post("/graphql").then().statusCode(503)
                .contentType("application/problem+json").body("errors[0].field", equalTo(HEADER));
        as(PARTNER).header(HEADER, never).header("x-cp-partner-id", PARTNER).header("Prefer", "wait=1").contentType(ContentType.JSON)
                .body(Map.of("query", "{ getConversationById(conversationId: \"chat-1\") { conversationId } }"))
                .post("/api/partners/" + PARTNER + "/data/conversationdata/getConversationById").then().statusCode(503)
                .contentType("application/problem+json").body("errors[0].field", equalTo(HEADER));
    }

    @Test
    void aCallerTheResourceRefusesDoesNotWait() {
        String never = token(PARTNER, 999_999_003L, 1);
        long started = System.nanoTime();
        given().auth().oauth2(TestTokens.bearer(PARTNER, "agent")).header(HEADER, never).header("Prefer", "wait=10")
                .get("/manager/api/v1/chats").then().statusCode(403);
        assertThat((System.nanoTime() - started) / 1_000_000).as("refused without waiting for the position")
                .isLessThan(5_000L);
    }

    @Test
    void aMalformedTokenIs400NamingTheHeader() {
        for (String bad : List.of("garbage", "v1.%%%", "v1." + "A".repeat(3_000), "v2.YWJj")) {
            as(PARTNER).header(HEADER, bad).get("/manager/api/v1/chats").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(HEADER));
        }
    }

    @Test
    void anotherPartnersTokenTeachesNothing() {
        long chatId = CHAT_IDS.incrementAndGet();
        String theirs = write(OTHER, chatId, 1);
        as(OTHER).header(HEADER, theirs).get("/manager/api/v1/chats/" + chatId).then().statusCode(200);

        // Their genuine token: refused at once, whether or not the stream exists.
        long started = System.nanoTime();
        as(PARTNER).header(HEADER, theirs).get("/manager/api/v1/chats").then().statusCode(400)
                .body("errors[0].field", equalTo(HEADER));
        as(PARTNER).header(HEADER, token(OTHER, 999_999_002L, 1)).get("/manager/api/v1/chats").then().statusCode(400)
                .body("errors[0].field", equalTo(HEADER));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000L);

        // A forged one (own partner, their stream, applied long ago): waits on the caller's own partner only,
        // so it runs out exactly like a stream that never existed.
        as(PARTNER).header(HEADER, token(PARTNER, chatId, 1)).header("Prefer", "wait=1").get("/manager/api/v1/chats")
                .then().statusCode(503);
    }

    @Test
    void withoutATokenNothingWaits() {
        as(PARTNER).get("/manager/api/v1/chats").then().statusCode(200);
        given().header(HEADER, token(PARTNER, 1, 1)).get("/manager/api/v1/chats").then().statusCode(401);
    }
}
