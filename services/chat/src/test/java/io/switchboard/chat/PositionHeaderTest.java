package io.switchboard.chat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.eventstore.position.PositionToken;
import io.switchboard.eventstore.position.PositionToken.StreamPosition;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.web.position.PositionHeaderFilter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes, write side (libs/web PositionHeaderFilter): every successful write answers the position
 * its events reached in the event store; reads and refused writes answer none.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class PositionHeaderTest {
    private static final String ACME_BACKEND = TestTokens.bearer("acme", "system");
    private static final String HEADER = PositionHeaderFilter.HEADER;

    @Inject
    Pool pool;

    @BeforeEach
    void directory() {
        ChatFixtures.directory(pool);
    }

    private long version(int chatId) {
        return pool.preparedQuery("SELECT max(version) FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of("chat-" + chatId)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void everyWriteAnswersThePositionItReached() {
        var created = given().auth().oauth2(TestTokens.bearer("acme", "agent")).contentType(ContentType.JSON)
                .body("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats").then().statusCode(201).extract();
        int id = created.path("id");
        assertThat(PositionToken.decode(created.header(HEADER))).isEqualTo(new PositionToken("acme",
                List.of(new StreamPosition("chat", "chat-" + id, version(id)))));

        String sent = given().auth().oauth2(ACME_BACKEND).contentType(ContentType.JSON)
                .body("{\"message\": {\"type\": \"text\", \"content\": \"hello\"}}")
                .when().post("/apps/api/v1/chats/" + id + "/message").then().statusCode(200).extract().header(HEADER);
        PositionToken afterMessage = PositionToken.decode(sent);
        assertThat(afterMessage.streams()).containsExactly(new StreamPosition("chat", "chat-" + id, version(id)));
        assertThat(afterMessage.streams().get(0).version()).isGreaterThan(1);
    }

    @Test
    void readsAndRefusedWritesAnswerNoPosition() {
        int id = ChatFixtures.newChat(TestTokens.bearer("acme", "agent"));
        given().auth().oauth2(ACME_BACKEND).when().get("/apps/api/v1/chats/" + id).then().statusCode(200)
                .header(HEADER, org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(ACME_BACKEND).contentType(ContentType.JSON).body("{\"message\": {\"type\": \"nope\"}}")
                .when().post("/apps/api/v1/chats/" + id + "/message").then().statusCode(400)
                .header(HEADER, org.hamcrest.Matchers.nullValue());
    }
}
