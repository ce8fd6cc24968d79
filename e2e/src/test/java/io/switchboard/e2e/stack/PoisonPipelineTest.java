package io.switchboard.e2e.stack;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.EventCodec;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.eventstore.AppendRows;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.StreamId;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event cannot stop the pipeline: oversized requests are refused at the edge and write
 * nothing; an oversized row forced into an event store below the API is skipped by Connect (the task
 * stays RUNNING, the skip is counted) while later events of other partners keep flowing to Kafka and
 * reporting; and reporting's watermark says when the pipeline stalls and when it has caught up again.
 */
@ExtendWith(LocalStack.class)
class PoisonPipelineTest {
    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final String CONNECTOR = "switchboard-chat-outbox";
    private static final Pattern WATERMARK =
            Pattern.compile("complete-as-of=([^;]+); lag-ms=(\\d+); caught-up=(true|false)");
    private static StackClients chatDb;
    private static String acmeAgent;
    private static String globexAgent;
    private static String globexSupervisor;
    private static long acmeMenu;
    private static long globexMenu;

    @BeforeAll
    static void setUp() {
        chatDb = new StackClients("chat");
        acmeAgent = KeycloakAuthTest.token("ann.agent");
        globexAgent = KeycloakAuthTest.token("gus.agent");
        globexSupervisor = KeycloakAuthTest.token("gina.supervisor");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        acmeMenu = chatMenu(KeycloakAuthTest.token("sam.supervisor"), "Poison acme " + tag);
        globexMenu = chatMenu(globexSupervisor, "Poison globex " + tag);
    }

    @AfterAll
    static void tearDown() {
        chatDb.close();
    }

    private static RequestSpecification as(String service, String token) {
        return given().baseUri("http://127.0.0.1:" + LocalStack.servicePort(service)).auth().oauth2(token)
                .contentType(ContentType.JSON);
    }

    private static long chatMenu(String supervisor, String name) {
        return as("interaction", supervisor).body(Map.of("name", name, "channel", "chat"))
                .when().post("/manager/api/v1/menus").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A chat on the partner's menu (retried while the chat service has not yet heard of the new menu). */
    private static long createChat(String token, long menu) {
        Response created = await().atMost(Duration.ofSeconds(30)).until(() -> as("chat", token)
                .body(Map.of("chat", Map.of("menu_id", menu, "end_user_id", 4242)))
                .when().post("/apps/api/v1/chats"), response -> response.statusCode() == 201);
        return created.jsonPath().getLong("id");
    }

    /** The newest position of anything but heartbeats (those keep coming every few seconds). */
    private static long lastDomainPosition() {
        return chatDb.pool.query("SELECT coalesce(max(global_position), 0) FROM event_store WHERE stream_type <> 'heartbeat'")
                .execute().await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void tenMegabyteCustomDataAndMessagesAreRefusedAsProblemsAndWriteNothing() {
        long chatId = createChat(acmeAgent, acmeMenu);
        long before = lastDomainPosition();
        String huge = "x".repeat(TEN_MB);

        Response customData = as("chat", acmeAgent)
                .body(Map.of("signed", false, "data", Map.of("note", Map.of("label", "Note", "value", huge))))
                .when().post("/apps/api/v1/chats/" + chatId + "/custom_data");
        Response message = as("chat", acmeAgent)
                .body(Map.of("message", Map.of("type", "text", "content", huge)))
                .when().post("/apps/api/v1/chats/" + chatId + "/message");

        for (Response response : List.of(customData, message)) {
            assertThat(response.statusCode()).isIn(400, 413);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("errors[0].field")).isNotBlank();
        }
        assertThat(lastDomainPosition()).as("nothing was appended").isEqualTo(before);
    }

    @Test
    void anOversizedRowIsSkippedByConnectAndLaterEventsOfAnotherPartnerStillArrive() throws Exception {
        double skippedBefore = skipped();
        StreamId poison = StreamId.of("chat", 900_000_000L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 99_999_999L));
        try (KafkaConsumer<String, byte[]> consumer = StackClients.consumerAtEnd(Topics.CHAT)) {
            insertBelowTheApi(poison, 2 * 1024 * 1024);
            long later = createChat(globexAgent, globexMenu);
            String laterKey = "chat-" + later;

            List<String> keys = new ArrayList<>();
            Map<String, byte[]> values = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                    values.put(record.key(), record.value());
                }
                return keys.contains(laterKey);
            });
            assertThat(keys).as("the oversized row is not on the topic").doesNotContain(poison.value());
            assertThat(EventCodec.standard().decode(values.get(laterKey)).partnerId()).isEqualTo("globex");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(skipped()).as("Connect counted the skipped record").isGreaterThan(skippedBefore));
            assertThat(taskState()).isEqualTo("RUNNING");
            String status = LocalStack.run(Duration.ofSeconds(60), "status");
            assertThat(status.lines().filter(line -> line.startsWith("connect ")).findFirst().orElseThrow())
                    .containsPattern("skipped=[1-9]");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("reporting", globexSupervisor)
                    .when().get("/manager/api/v1/chats/" + later).then().statusCode(200));
        }
    }

    /**
     * The header is reporting's (engineer A's watermark work): {@code complete-as-of=<instant>;
     * lag-ms=<n>; caught-up=<bool>}, where the watermark is the oldest source heartbeat applied.
     */
    @Test
    void theWatermarkSaysBehindWhileConnectIsStoppedAndCaughtUpAfterItStarts() throws Exception {
        // Exceptions (a header not there yet, or not in this form) are retried; on time-out the last is reported.
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> watermark().caughtUp());
        LocalStack.run(Duration.ofMinutes(1), "stop", "connect");
        try {
            // Reporting allows 15 s of lag (3 heartbeats) before it says it is behind.
            Watermark stalled = await().ignoreExceptions().atMost(Duration.ofSeconds(60))
                    .until(PoisonPipelineTest::watermark, w -> !w.caughtUp());
            Watermark older = await().ignoreExceptions().atMost(Duration.ofSeconds(30))
                    .until(PoisonPipelineTest::watermark, w -> !w.caughtUp() && w.lagMs() > stalled.lagMs() + 1_000);
            assertThat(older.completeAsOf()).as("nothing newer is complete while Connect is down")
                    .isBeforeOrEqualTo(stalled.completeAsOf().plusSeconds(1));
        } finally {
            LocalStack.run(Duration.ofMinutes(3), "start", "connect");
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> watermark().caughtUp());
    }

    private record Watermark(Instant completeAsOf, long lagMs, boolean caughtUp) {
    }

    private static Watermark watermark() {
        String header = as("reporting", globexSupervisor).when().get("/manager/api/v1/chats")
                .then().statusCode(200).extract().header("Switchboard-Watermark");
        assertThat(header).as("Switchboard-Watermark").isNotNull();
        Matcher m = WATERMARK.matcher(header);
        assertThat(m.find()).as("Switchboard-Watermark: %s", header).isTrue();
        return new Watermark(Instant.parse(m.group(1)), Long.parseLong(m.group(2)), Boolean.parseBoolean(m.group(3)));
    }

    /** A row exactly as the event store writes it, but past its size check: a plain INSERT. */
    private static void insertBelowTheApi(StreamId stream, int contentBytes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long chatId = Long.parseLong(stream.id());
        AppendRows rows = AppendRows.prepare(EventCodec.standard(), "acme", stream, 0,
                List.of(new MessageSent(chatId, 1, 1, "end_user", "42", "Ann", "text", "y".repeat(contentBytes),
                        Map.of(), now, "poison")), EventContext.none(), now);
        var envelope = rows.envelopes().get(0);
        String payload = ((String[]) rows.parameters().getValue(10))[0];
        chatDb.pool.preparedQuery("""
                        INSERT INTO event_store (event_id, stream_id, stream_type, version, event_type, event_version,
                                                 partner_id, occurred_at, payload)
                        VALUES ($1, $2, $3, 1, $4, $5, 'acme', $6, $7::jsonb)""")
                .execute(Tuple.from(List.of(envelope.eventId(), stream.value(), stream.type(), envelope.type(),
                        envelope.version(), now.atOffset(ZoneOffset.UTC), payload)))
                .await().indefinitely();
    }

    /**
     * Records the chat connector failed and (errors.tolerance=all) skipped: task-error-metrics'
     * total-record-failures, through the launcher's JMX exporter. A producer-side failure is counted
     * there, not in total-records-skipped.
     */
    private static double skipped() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + LocalStack.CONNECT_METRICS_PORT + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines()
                .filter(line -> line.startsWith("kafka_connect_task_error_metrics_total_record_failures{")
                        && line.contains("connector=\"" + CONNECTOR + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String taskState() {
        return given().baseUri("http://127.0.0.1:" + LocalStack.CONNECT_PORT)
                .when().get("/connectors/" + CONNECTOR + "/status")
                .then().statusCode(200).extract().jsonPath().getString("tasks[0].state");
    }
}
