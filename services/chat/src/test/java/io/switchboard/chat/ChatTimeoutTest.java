package io.switchboard.chat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.chat.store.ChatTimeouts;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static io.switchboard.chat.ChatFixtures.count;
import static io.switchboard.chat.ChatFixtures.newChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The timeout sweeper against the real PostgreSQL, driven with explicit instants (no waiting). */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class ChatTimeoutTest {
    private static final String ACME = TestTokens.bearer("acme", "agent");

    @Inject
    ChatTimeouts timeouts;

    @Inject
    Pool pool;

    @org.junit.jupiter.api.BeforeEach
    void directory() {
        ChatFixtures.directory(pool);
    }

    @Test
    void queuedChatsTimeOutWhenDueAndOnlyOnce() {
        Instant created = Instant.now();
        int waiting = newChat(ACME);
        int finished = newChat(ACME);
        given().auth().oauth2(TestTokens.bearer("acme", "supervisor")).contentType(ContentType.JSON)
                .body("{\"chat\": {\"status\": \"finished\"}}")
                .when().patch("/apps/api/v1/chats/" + finished).then().statusCode(200);

        timeouts.sweep(created.plus(Duration.ofMinutes(5))).await().indefinitely();
        given().auth().oauth2(ACME).when().get("/apps/api/v1/chats/" + waiting).then().body("status", equalTo("queued"));

        timeouts.sweep(created.plus(Duration.ofMinutes(11))).await().indefinitely();
        timeouts.sweep(created.plus(Duration.ofMinutes(12))).await().indefinitely();

        given().auth().oauth2(ACME).when().get("/apps/api/v1/chats/" + waiting)
                .then().body("status", equalTo("timed_out"), "status_text", equalTo("Timed out in queue"), "ends_at", notNullValue());
        given().auth().oauth2(ACME).when().get("/apps/api/v1/chats/" + finished).then().body("status", equalTo("finished"));
        assertThat(count(pool, waiting, "ChatFinished")).isEqualTo(1);
        assertThat(count(pool, finished, "ChatFinished")).isEqualTo(1);
    }
}
