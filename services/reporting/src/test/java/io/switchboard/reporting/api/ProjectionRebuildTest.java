package io.switchboard.reporting.api;

import io.switchboard.reporting.AppliedEvents;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.reporting.Scenario;
import io.switchboard.reporting.messages.ChatMessage;
import io.switchboard.reporting.messages.MessageQueries;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Rebuilding projections from the topics: the API answers the same before and after, events published
 * while a rebuild runs and after it show up exactly once, the live consumer keeps working on the
 * swapped tables, and no scratch schema is left behind.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ProjectionRebuildTest {
    static final String BASE = "/manager/api/v1";
    static final String REBUILD = BASE + "/admin/projections/rebuild";
    static final List<String> READS = List.of("/calls/501", "/chats/701", "/agents", "/teams", "/teams/tree",
            "/menus", "/agent_activity_logs", "/changed_details", "/chats");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    MessageQueries messages;

    @Test
    void aFullRebuildAnswersTheSameAndKeepsEveryLiveEvent() throws SQLException {
        String partner = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        List<EventEnvelope> events = new java.util.ArrayList<>(Scenario.of(partner));
        events.addAll(Scenario.redacted(partner));
        try (EventFeed feed = new EventFeed()) {
            feed.send(events);
            awaitApplied(partner, events.size());
            Map<String, String> before = answers(partner);
            List<ChatMessage> messagesBefore = messages.ofChat(partner, Scenario.CHAT_ID);
            assertThat(messagesBefore).hasSize(2);

            long id = startRebuild("{}");
            // Published while the rebuild runs: it must end up in the swapped tables exactly once.
            feed.send(List.of(envelope(partner, CallEvents.AGGREGATE_TYPE, 901, 1, new CallCreated(901,
                    "Voice Inbound (IVR)", "selecting", 31L, "en", "+15550901", null, null, null, null, "not_asked",
                    null, Instant.parse("2026-11-21T12:00:00Z")))));
            awaitCompleted(id);
            as(partner, "system").get(REBUILD + "/" + id).then().statusCode(200)
                    .body("projections", equalTo(List.of("calls", "chats", "directory", "changed_details", "media",
                            "chat_messages", "ivr_interactions")))
                    .body("lag", equalTo(0));

            assertThat(answers(partner)).isEqualTo(before);
            assertThat(messages.ofChat(partner, Scenario.CHAT_ID)).isEqualTo(messagesBefore);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    as(partner, "supervisor").get(BASE + "/calls/901").then().statusCode(200));

            // After the swap the live consumer writes to the new tables.
            feed.send(List.of(envelope(partner, DirectoryEvents.AGENT, 102, 50, new AgentStatusChanged(102,
                    "Available", "Break", "lunch", Instant.parse("2026-11-21T12:30:00Z")))));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    as(partner, "supervisor").get(BASE + "/agents/102").then().statusCode(200)
                            .body("status.name", equalTo("Break")));
        }
        assertThat(leftoverSchemas()).isEmpty();
    }

    @Test
    void aPartialRebuildSwapsOnlyItsTablesAndCountsEveryMessageOnce() throws SQLException {
        String partner = "partial-" + UUID.randomUUID().toString().substring(0, 8);
        List<EventEnvelope> events = Scenario.of(partner);
        try (EventFeed feed = new EventFeed()) {
            feed.send(events);
            awaitApplied(partner, events.size());
            Map<String, String> before = answers(partner);
            as(partner, "supervisor").get(BASE + "/chats/701").then().body("message_count", equalTo(2));

            long id = startRebuild("{\"projections\": [\"chats\"]}");
            feed.send(List.of(envelope(partner, ChatEvents.AGGREGATE_TYPE, 701, 50, new MessageSent(701, 3, 1,
                    "end_user", "77", null, "text", "one more thing", Map.of(),
                    Instant.parse("2026-11-21T09:39:00Z"), null))));
            awaitCompleted(id);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    as(partner, "supervisor").get(BASE + "/chats/701").then().statusCode(200)
                            .body("message_count", equalTo(3)));
            Map<String, String> after = answers(partner);
            // The chat got a message meanwhile; everything else is as before.
            before.keySet().removeIf(read -> read.startsWith("/chats"));
            after.keySet().removeIf(read -> read.startsWith("/chats"));
            assertThat(after).isEqualTo(before);
        }
        assertThat(leftoverSchemas()).isEmpty();
    }

    @Test
    void onlyAdminsRebuildAndOnlyKnownProjections() {
        as("acme", "supervisor").contentType("application/json").body("{}").post(REBUILD).then().statusCode(403);
        // The tables hold every partner's rows: a partner's admin cannot rebuild them.
        as("acme", "admin").contentType("application/json").body("{}").post(REBUILD).then().statusCode(403);
        given().contentType("application/json").body("{}").post(REBUILD).then().statusCode(401);
        as("acme", "system").contentType("application/json").body("{\"projections\": [\"bogus\"]}").post(REBUILD)
                .then().statusCode(400).contentType("application/problem+json")
                .body(containsString("projections"));
        as("acme", "system").get(REBUILD + "/12345").then().statusCode(404);
    }

    private long startRebuild(String body) {
        return as("ops", "system").contentType("application/json").body(body).post(REBUILD).then().statusCode(202)
                .header("Location", containsString("/admin/projections/rebuild/"))
                .extract().jsonPath().getLong("id");
    }

    private void awaitCompleted(long id) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String state = as("ops", "system").get(REBUILD + "/" + id).then().statusCode(200)
                    .extract().jsonPath().getString("state");
            assertThat(state).isNotEqualTo("failed");
            return state.equals("completed");
        });
        as("ops", "system").get(REBUILD + "/" + id).then()
                .body("events_applied", org.hamcrest.Matchers.greaterThan(0));
    }

    private Map<String, String> answers(String partner) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String read : READS) {
            answers.put(read, as(partner, "supervisor").get(BASE + read).then().statusCode(200).extract().asString());
        }
        return answers;
    }

    private List<String> leftoverSchemas() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%' OR nspname LIKE 'retired\\_%'");
             ResultSet rs = s.executeQuery()) {
            List<String> schemas = new java.util.ArrayList<>();
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
            return schemas;
        }
    }

    private void awaitApplied(String partner, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> AppliedEvents.count(dataSource, partner) >= count);
    }

    private static EventEnvelope envelope(String partner, String aggregateType, long id, long sequence, DomainEvent data) {
        return TestEnvelopes.of(data).partner(partner).aggregate(aggregateType, id).sequence(sequence)
                .at(Instant.parse("2026-11-21T12:00:00Z")).build();
    }

    private static RequestSpecification as(String partner, String... roles) {
        return given().auth().oauth2(TestTokens.bearer(partner, roles));
    }
}
