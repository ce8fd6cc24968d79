package io.switchboard.reporting.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.reporting.AppliedEvents;
import io.switchboard.reporting.projection.BatchProjector;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Webhooks through the real stack: events published to the real broker, applied by the service's own consumer
 * loops, enqueued in PostgreSQL and POSTed by the worker to a real HTTP receiver on 127.0.0.1 (allowed in tests by
 * {@code switchboard.reporting.webhooks.allowed-hosts}), whose signatures this test checks with its own HMAC.
 * Test config: 3 attempts, 50–200 ms back-off, disabled after 2 failed deliveries, 3 subscriptions per partner.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class WebhooksTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer server;
    private static final Map<String, Receiver> RECEIVERS = new ConcurrentHashMap<>();

    @Inject
    AgroalDataSource dataSource;

    /** What one receiver path got, and the statuses it answers with (then 204 once they are used up, unless failing). */
    static final class Receiver {
        final List<Received> requests = new CopyOnWriteArrayList<>();
        final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
        volatile int otherwise = 204;
    }

    record Received(Map<String, List<String>> headers, String body, Instant at) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Receiver receiver = RECEIVERS.get(exchange.getRequestURI().getPath());
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int status = 404;
                if (receiver != null) {
                    receiver.requests.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
                    Integer next = receiver.statuses.poll();
                    status = next != null ? next : receiver.otherwise;
                }
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterAll
    static void stopReceiver() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String receiverUrl(String path) {
        RECEIVERS.putIfAbsent(path, new Receiver());
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String partner(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification as(String partner, String... roles) {
        return given().auth().oauth2(TestTokens.bearer(partner, roles)).contentType(ContentType.JSON);
    }

    private static String base(String partner) {
        return "/api/partners/" + partner + "/webhooks";
    }

    private static JsonPath subscribe(String partner, String url, List<String> types) {
        return as(partner, "admin").body(Map.of("url", url, "eventTypes", types, "description", "test receiver"))
                .post(base(partner)).then().statusCode(201).extract().jsonPath();
    }

    private static EventEnvelope event(String partner, String aggregate, long id, long sequence, DomainEvent data) {
        return TestEnvelopes.of(data).partner(partner).aggregate(aggregate, id).sequence(sequence).build();
    }

    private static EventEnvelope teamCreated(String partner, long team) {
        return event(partner, DirectoryEvents.TEAM, team, 1, new TeamCreated(team, "Team " + team, null, Instant.now()));
    }

    private static EnvelopePublisher publisher() {
        return new EnvelopePublisher(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    private static void publish(EventEnvelope... events) {
        try (EnvelopePublisher publisher = publisher()) {
            for (EventEnvelope event : events) {
                publisher.publish(Topics.INTERACTION, event);
            }
        }
    }

    private static JsonPath deliveries(String partner, String id) {
        return as(partner, "admin").get(base(partner) + "/" + id + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    /** The Standard Webhooks signature, computed here from the spec (not with the service's code). */
    private static String expectedSignature(String secret, Received request) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSubscriptionReceivesSignedEventsOfItsTypesOnlyAndOnlyItsPartners() throws Exception {
        String partner = partner("hooks");
        String other = partner("hooks-other");
        String url = receiverUrl("/" + partner);
        String otherUrl = receiverUrl("/" + other);
        JsonPath created = as(partner, "admin")
                .body(Map.of("url", url, "eventTypes", List.of("TeamCreated"), "description", "teams"))
                .post(base(partner)).then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("state", equalTo("enabled"))
                .body("eventTypes", equalTo(List.of("TeamCreated")))
                .extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        // The secret is shown once: reading the subscription again never returns it.
        as(partner, "admin").get(base(partner) + "/" + id).then().statusCode(200)
                .body("url", equalTo(url)).body("description", equalTo("teams")).body("secret", nullValue());
        as(partner, "admin").get(base(partner)).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id)).body("items[0].secret", nullValue());
        String otherId = subscribe(other, otherUrl, List.of("*")).getString("id");

        EventEnvelope team = teamCreated(partner, 11);
        EventEnvelope status = event(partner, DirectoryEvents.AGENT, 21, 1,
                new AgentStatusChanged(21, "Offline", "Available", null, Instant.now()));
        EventEnvelope otherTeam = teamCreated(other, 11);
        publish(team, status, otherTeam);

        await().atMost(PATIENCE).until(() -> AppliedEvents.count(dataSource, partner) >= 2
                && RECEIVERS.get("/" + partner).requests.size() >= 1 && RECEIVERS.get("/" + other).requests.size() >= 1);
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(partner, id).getString("items[0].state")));

        List<Received> got = RECEIVERS.get("/" + partner).requests;
        assertThat(got).hasSize(1);
        Received request = got.get(0);
        assertThat(request.header("webhook-id")).isEqualTo(team.eventId().toString());
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("webhook-signature")).isEqualTo(expectedSignature(secret, request));
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
        JsonNode body = request.json();
        assertThat(body.get("eventId").asText()).isEqualTo(team.eventId().toString());
        assertThat(body.get("type").asText()).isEqualTo("TeamCreated");
        assertThat(body.get("partnerId").asText()).isEqualTo(partner);
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("data").get("teamId").asLong()).isEqualTo(11);
        // A signature made with another key does not match (the check above can fail).
        assertThat(expectedSignature(Signatures.newSecret(), request)).isNotEqualTo(request.header("webhook-signature"));

        JsonPath log = deliveries(partner, id);
        assertThat(log.getList("items")).hasSize(1);
        assertThat(log.getString("items[0].eventId")).isEqualTo(team.eventId().toString());
        assertThat(log.getString("items[0].eventType")).isEqualTo("TeamCreated");
        assertThat(log.getInt("items[0].attempts")).isEqualTo(1);
        assertThat(log.getInt("items[0].attemptLog[0].statusCode")).isEqualTo(204);
        assertThat(log.getString("items[0].attemptLog[0].at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        // Partner isolation: each receiver got its own partner's events only, and one partner cannot see the other's.
        assertThat(RECEIVERS.get("/" + other).requests).extracting(r -> r.json().get("partnerId").asText())
                .containsOnly(other);
        assertThat(RECEIVERS.get("/" + other).requests).extracting(r -> r.header("webhook-id"))
                .containsExactly(otherTeam.eventId().toString());
        as(other, "admin").get(base(other) + "/" + id).then().statusCode(404).contentType("application/problem+json");
        as(other, "admin").get(base(partner)).then().statusCode(404);
        as(other, "admin").get(base(other) + "/" + id + "/deliveries").then().statusCode(404);
        as(other, "admin").delete(base(other) + "/" + id).then().statusCode(404);
        as(partner, "admin").post(base(partner) + "/" + otherId + "/enable").then().statusCode(404);
    }

    @Test
    void aPingSendsASignedTestEventWhateverTheTypes() throws Exception {
        String partner = partner("ping");
        JsonPath created = subscribe(partner, receiverUrl("/" + partner), List.of("ChatCreated"));
        String id = created.getString("id");
        String eventId = as(partner, "admin").post(base(partner) + "/" + id + "/ping").then().statusCode(202)
                .body("eventType", equalTo("WebhookPing")).extract().jsonPath().getString("eventId");
        await().atMost(PATIENCE).until(() -> RECEIVERS.get("/" + partner).requests.size() == 1);
        Received request = RECEIVERS.get("/" + partner).requests.get(0);
        assertThat(request.header("webhook-id")).isEqualTo(eventId);
        assertThat(request.header("webhook-signature")).isEqualTo(expectedSignature(created.getString("secret"), request));
        assertThat(request.json().get("type").asText()).isEqualTo("WebhookPing");
        assertThat(request.json().get("partnerId").asText()).isEqualTo(partner);
        assertThat(request.json().get("data").get("webhookId").asText()).isEqualTo(id);
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(partner, id).getString("items[0].state")));
        assertThat(deliveries(partner, id).getString("items[0].eventId")).isEqualTo(eventId);
        as(partner("ping-other"), "admin").post(base(partner) + "/" + id + "/ping").then().statusCode(404);
    }

    @Test
    void serverErrorsAreRetriedWithTheirAttemptsInTheLog() {
        String partner = partner("retry");
        String url = receiverUrl("/" + partner);
        RECEIVERS.get("/" + partner).statuses.addAll(List.of(500, 503));
        String id = subscribe(partner, url, List.of("*")).getString("id");
        EventEnvelope team = teamCreated(partner, 31);
        publish(team);

        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(partner, id).getString("items[0].state")));
        JsonPath log = deliveries(partner, id);
        assertThat(log.getInt("items[0].attempts")).isEqualTo(3);
        assertThat(log.getList("items[0].attemptLog.statusCode")).containsExactly(500, 503, 204);
        assertThat(log.getList("items[0].attemptLog.attempt")).containsExactly(1, 2, 3);
        assertThat(log.getString("items[0].completedAt")).isNotNull();
        List<Received> got = RECEIVERS.get("/" + partner).requests;
        assertThat(got).hasSize(3);
        // Every attempt carries the same webhook-id: the receiver's key to drop the copies it already handled.
        assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly(team.eventId().toString());
        // The attempts are spaced by the back-off (at least half of 50 ms, then of 100 ms).
        assertThat(Duration.between(got.get(0).at(), got.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(75));
        as(partner, "admin").get(base(partner) + "/" + id).then().body("consecutiveFailures", equalTo(0));
    }

    @Test
    void repeatedFailuresDisableTheSubscriptionUntilAnAdminEnablesIt() {
        String partner = partner("disable");
        String url = receiverUrl("/" + partner);
        Receiver receiver = RECEIVERS.get("/" + partner);
        receiver.otherwise = 500;
        String id = subscribe(partner, url, List.of("TeamCreated")).getString("id");
        publish(teamCreated(partner, 41), teamCreated(partner, 42));

        // Two deliveries, three attempts each, all failing: the subscription is disabled.
        await().atMost(PATIENCE).untilAsserted(() -> as(partner, "admin").get(base(partner) + "/" + id).then()
                .body("state", equalTo("disabled")));
        as(partner, "admin").get(base(partner) + "/" + id).then()
                .body("disabledReason", startsWith("2 consecutive deliveries failed"))
                .body("disabledAt", notNullValue());
        JsonPath log = deliveries(partner, id);
        assertThat(log.getList("items.state")).containsExactly("failed", "failed");
        assertThat(log.getList("items.attempts")).containsExactly(3, 3);
        assertThat(log.getList("items[0].attemptLog.statusCode")).containsExactly(500, 500, 500);
        assertThat(receiver.requests).hasSize(6);
        as(partner, "admin").post(base(partner) + "/" + id + "/ping").then().statusCode(409)
                .contentType("application/problem+json");

        // While disabled, new events are not enqueued.
        EventEnvelope whileDisabled = teamCreated(partner, 43);
        publish(whileDisabled);
        await().atMost(PATIENCE).until(() -> AppliedEvents.count(dataSource, partner) >= 3);
        assertThat(deliveries(partner, id).getList("items")).hasSize(2);

        receiver.otherwise = 200;
        as(partner, "admin").post(base(partner) + "/" + id + "/enable").then().statusCode(200)
                .body("state", equalTo("enabled")).body("consecutiveFailures", equalTo(0))
                .body("disabledReason", nullValue()).body("disabledAt", nullValue());
        EventEnvelope afterwards = teamCreated(partner, 44);
        publish(afterwards);
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(partner, id).getString("items[0].state")));
        assertThat(deliveries(partner, id).getString("items[0].eventId")).isEqualTo(afterwards.eventId().toString());
        assertThat(receiver.requests).extracting(r -> r.header("webhook-id")).doesNotContain(whileDisabled.eventId().toString());
    }

    @Test
    void aRedeliveredEventIsSentOnce() {
        String partner = partner("redeliver");
        String url = receiverUrl("/" + partner);
        String id = subscribe(partner, url, List.of("*")).getString("id");
        EventEnvelope team = teamCreated(partner, 51);
        publish(team);
        await().atMost(PATIENCE).until(() -> RECEIVERS.get("/" + partner).requests.size() == 1);

        // The broker hands the same event again, then the next event of its stream (same partition, after it).
        EventEnvelope next = event(partner, DirectoryEvents.TEAM, 51, 2, new TeamDeactivated(51, null, Instant.now()));
        publish(team, next);
        await().atMost(PATIENCE).until(() -> RECEIVERS.get("/" + partner).requests.size() >= 2);
        await().atMost(PATIENCE).until(() -> deliveries(partner, id).getList("items.state").equals(List.of("delivered", "delivered")));
        assertThat(RECEIVERS.get("/" + partner).requests).extracting(r -> r.header("webhook-id"))
                .containsExactly(team.eventId().toString(), next.eventId().toString());
    }

    /** Below the stream positions, the (subscription, event) key keeps one delivery per event however often it is applied. */
    @Test
    void enqueueingTheSameEventTwiceKeepsOneDelivery() throws SQLException {
        String partner = partner("dedup");
        String id = subscribe(partner, receiverUrl("/" + partner), List.of("TeamCreated")).getString("id");
        EventEnvelope team = teamCreated(partner, 61);
        // A private read-model name: the positions do not know the event, so only the key can stop the second copy.
        for (int i = 0; i < 2; i++) {
            BatchProjector projector = new BatchProjector("webhooks-test-" + UUID.randomUUID(), List.of(new WebhookEnqueue()));
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                assertThat(projector.apply(c, List.of(team))).hasSize(1);
                c.commit();
            }
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
        await().atMost(PATIENCE).until(() -> RECEIVERS.get("/" + partner).requests.size() == 1);
    }

    @Test
    void invalidSubscriptionsAreRefusedNamingTheFieldAndNothingIsWritten() {
        String partner = partner("invalid");
        String ok = receiverUrl("/" + partner);
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[]{Map.of("url", "not a url", "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", "http://example.com/hook", "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", "https://10.1.2.3/hook", "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", "https://192.168.0.10/hook", "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", "https://[::1]/hook", "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", "https://169.254.169.254/latest/meta-data", "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", "https://metadata.internal/x", "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", "https://user:pw@hooks.example.com/x", "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", "ftp://hooks.example.com/x", "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", "https://hooks.example.com/" + "a".repeat(2049), "eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("eventTypes", List.of("*")), "url"});
        cases.add(new Object[]{Map.of("url", ok, "eventTypes", List.of("TeamCreated", "NoSuchEvent")), "eventTypes[1]"});
        cases.add(new Object[]{Map.of("url", ok, "eventTypes", List.of()), "eventTypes"});
        cases.add(new Object[]{Map.of("url", ok), "eventTypes"});
        cases.add(new Object[]{Map.of("url", ok, "eventTypes", java.util.Collections.nCopies(51, "TeamCreated")), "eventTypes"});
        cases.add(new Object[]{Map.of("url", ok, "eventTypes", List.of("x".repeat(101))), "eventTypes[0]"});
        cases.add(new Object[]{Map.of("url", ok, "eventTypes", List.of("*"), "description", "d".repeat(201)), "description"});
        for (Object[] c : cases) {
            as(partner, "admin").body(c[0]).post(base(partner)).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c[1]));
        }
        as(partner, "admin").body("{\"url\": ").post(base(partner)).then().statusCode(400).contentType("application/problem+json");
        as(partner, "admin").get(base(partner)).then().statusCode(200).body("items", hasSize(0));
        as(partner, "admin").get(base(partner) + "?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as(partner, "admin").get(base(partner) + "?cursor=%25%25").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as(partner, "admin").get(base(partner) + "/not-a-uuid").then().statusCode(404);
        as(partner, "admin").get(base(partner) + "/" + "x".repeat(37)).then().statusCode(400);

        // At most three per partner (test config): the fourth is a conflict and is not stored.
        for (int i = 0; i < 3; i++) {
            subscribe(partner, ok, List.of("*"));
        }
        as(partner, "admin").body(Map.of("url", ok, "eventTypes", List.of("*"))).post(base(partner)).then()
                .statusCode(409).contentType("application/problem+json");
        JsonPath first = as(partner, "admin").get(base(partner) + "?limit=2").then().statusCode(200)
                .body("items", hasSize(2)).extract().jsonPath();
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotNull();
        JsonPath second = as(partner, "admin").get(base(partner) + "?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", nullValue()).extract().jsonPath();
        assertThat(second.getString("items[0].id")).isNotIn(first.getList("items.id"));
        as(partner, "admin").delete(base(partner) + "/" + second.getString("items[0].id")).then().statusCode(204);
        as(partner, "admin").get(base(partner) + "/" + second.getString("items[0].id")).then().statusCode(404);
        as(partner, "admin").get(base(partner)).then().body("items", hasSize(2));
    }

    @Test
    void onlyAdminsManageWebhooks() {
        String partner = partner("roles");
        Map<String, Object> body = Map.of("url", receiverUrl("/" + partner), "eventTypes", List.of("*"));
        for (String role : List.of("supervisor", "agent", "system")) {
            as(partner, role).body(body).post(base(partner)).then().statusCode(403).contentType("application/problem+json");
            as(partner, role).get(base(partner)).then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(body).post(base(partner)).then().statusCode(401);
        as(partner, "admin").get(base(partner)).then().statusCode(200).body("items", hasSize(0));
    }

    /** The OpenAPI document names the fields as the wire does (camelCase here, in a snake_case service). */
    @Test
    void theOpenApiDocumentDescribesTheWire() {
        JsonPath doc = given().auth().oauth2(TestTokens.bearer("acme", "admin")).accept(ContentType.JSON)
                .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getMap("components.schemas.Webhook.properties")).containsKeys("id", "url", "eventTypes",
                "disabledReason", "disabledAt", "consecutiveFailures", "createdAt", "secret");
        assertThat(doc.getMap("components.schemas.WebhookRequest.properties")).containsOnlyKeys("url", "eventTypes", "description");
        assertThat(doc.getMap("components.schemas.WebhookDelivery.properties")).containsKeys("eventId", "eventType",
                "attemptLog", "nextAttemptAt");
        assertThat(doc.getMap("components.schemas.WebhookAttempt.properties")).containsKeys("statusCode", "latencyMs", "error");
        assertThat(doc.getMap("paths")).containsKeys("/api/partners/{partnerId}/webhooks",
                "/api/partners/{partnerId}/webhooks/{id}/deliveries", "/api/partners/{partnerId}/webhooks/{id}/enable",
                "/api/partners/{partnerId}/webhooks/{id}/ping");
    }

    /**
     * A rebuild replays every topic into fresh tables: it must not enqueue anything. The delivery is removed first
     * (as the retention purge would), so not even the (subscription, event) key could hide a second enqueue.
     */
    @Test
    void aRebuildSendsNothingAgain() throws SQLException {
        String partner = partner("rebuild");
        String id = subscribe(partner, receiverUrl("/" + partner), List.of("*")).getString("id");
        EventEnvelope team = teamCreated(partner, 71);
        publish(team);
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(partner, id).getString("items[0].state")));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM webhook_deliveries WHERE subscription_id = ?::uuid")) {
            s.setString(1, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        String rebuild = "/manager/api/v1/admin/projections/rebuild";
        long run = given().auth().oauth2(TestTokens.bearer("ops", "system")).contentType(ContentType.JSON).body("{}")
                .post(rebuild).then().statusCode(202).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String state = given().auth().oauth2(TestTokens.bearer("ops", "system")).get(rebuild + "/" + run).then()
                    .statusCode(200).extract().jsonPath().getString("state");
            assertThat(state).isNotEqualTo("failed");
            return state.equals("completed");
        });

        // The next event of the stream is delivered; the replayed one was not enqueued again.
        EventEnvelope next = event(partner, DirectoryEvents.TEAM, 71, 2, new TeamDeactivated(71, null, Instant.now()));
        publish(next);
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(partner, id).getString("items[0].state")));
        assertThat(deliveries(partner, id).getList("items.eventId")).containsExactly(next.eventId().toString());
        assertThat(RECEIVERS.get("/" + partner).requests).extracting(r -> r.header("webhook-id"))
                .containsExactly(team.eventId().toString(), next.eventId().toString());
    }
}
