package io.switchboard.chat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.switchboard.chat.ChatFixtures.newChat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that arrive together: appends that do not depend on each other never surface a conflict, and
 * creates with one {@code Idempotency-Key} make one chat. Each request is its own HTTP call, all in
 * flight at once.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class ConcurrencyApiTest {
    private static final String ANN = TestTokens.agent("acme", ChatFixtures.ANN, "agent");
    private static final String BACKEND = TestTokens.bearer("acme", "system");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TestHTTPResource("/apps/api/v1/chats")
    URI chats;

    @Inject
    Pool pool;

    @BeforeEach
    void directory() {
        ChatFixtures.directory(pool);
    }

    private static List<HttpResponse<String>> allAtOnce(List<HttpRequest> requests) {
        List<CompletableFuture<HttpResponse<String>>> sent = requests.stream()
                .map(request -> HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList();
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private HttpRequest post(URI uri, String token, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    @Test
    void fiftyMessagesSentAtOnceAllLandWithGaplessVersionsAndNumbers() {
        int id = newChat(ANN);
        URI message = URI.create(chats + "/" + id + "/message");

        List<HttpResponse<String>> answers = allAtOnce(IntStream.rangeClosed(1, 50)
                .mapToObj(i -> post(message, i % 2 == 0 ? ANN : BACKEND,
                        "{\"message\": {\"type\": \"text\", \"content\": \"message " + i + "\"}}", null))
                .toList());

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200).hasSize(50);
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("""
                        SELECT version, event_type, (payload->'data'->>'messageId')::bigint AS message_id,
                               payload->'data'->>'text' AS text
                        FROM event_store WHERE stream_id = $1 ORDER BY version""")
                .execute(Tuple.of("chat-" + id)).await().indefinitely().forEach(rows::add);
        assertThat(rows).extracting(row -> row.getLong("version"))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 51).boxed().toList());
        List<Row> messages = rows.subList(1, rows.size());
        assertThat(messages).extracting(row -> row.getString("event_type")).containsOnly("MessageSent").hasSize(50);
        assertThat(messages).extracting(row -> row.getLong("message_id"))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(messages).extracting(row -> row.getString("text"))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 50).mapToObj(i -> "message " + i).toList());
    }

    @Test
    void commutativeAppendsOfEveryKindSentTogetherAllLand() {
        int id = newChat(ANN);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(post(URI.create(chats + "/" + id + "/message"), BACKEND,
                    "{\"message\": {\"type\": \"text\", \"content\": \"m" + i + "\"}}", null));
            requests.add(post(URI.create(chats + "/" + id + "/custom_data"), BACKEND,
                    "{\"signed\": false, \"data\": {\"field" + i + "\": {\"label\": \"L\", \"value\": \"v\"}}}", null));
            requests.add(post(URI.create(chats + "/" + id + "/end-user"), BACKEND, "{\"identifier\": \"user-" + i + "\"}", null));
        }
        requests.add(post(URI.create(chats + "/" + id + "/customer_flag"), BACKEND, "{\"bad_actor\": true}", null));

        List<HttpResponse<String>> answers = allAtOnce(requests);

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(ChatFixtures.count(pool, id, "MessageSent")).isEqualTo(10);
        assertThat(ChatFixtures.count(pool, id, "CustomDataAttached")).isEqualTo(10);
        assertThat(ChatFixtures.count(pool, id, "EndUserUpdated")).isEqualTo(10);
        assertThat(ChatFixtures.count(pool, id, "CustomerFlagsUpdated")).isEqualTo(1);
    }

    @Test
    void twentyCreatesWithOneIdempotencyKeyMakeOneChatAndAllAnswer201WithIt() {
        String key = "burst-" + UUID.randomUUID();
        long before = chatsCreated();

        List<HttpResponse<String>> answers = allAtOnce(IntStream.range(0, 20)
                .mapToObj(i -> post(chats, ANN, "{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}", key))
                .toList());

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201).hasSize(20);
        assertThat(answers).extracting(answer -> io.restassured.path.json.JsonPath.from(answer.body()).getInt("id"))
                .containsOnly(io.restassured.path.json.JsonPath.from(answers.get(0).body()).getInt("id"));
        assertThat(answers).extracting(answer -> answer.headers().firstValue("Location").orElse(null)).doesNotContainNull()
                .containsOnly(answers.get(0).headers().firstValue("Location").orElseThrow());
        assertThat(chatsCreated()).isEqualTo(before + 1);
    }

    private long chatsCreated() {
        return pool.query("SELECT count(*) FROM event_store WHERE event_type = 'ChatCreated'").execute().await().indefinitely()
                .iterator().next().getLong(0);
    }
}
