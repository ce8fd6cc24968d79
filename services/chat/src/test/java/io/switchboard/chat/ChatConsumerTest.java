package io.switchboard.chat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.RoutingEvents;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static io.switchboard.chat.ChatFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The chat service's consumer of {@code switchboard.interaction} (libs/consumer loop {@code chat}): a failure
 * is retried until the event applies, never skipped; a routing decision for a closed chat is applied
 * without effect; the directory read model can be rebuilt from the topic into the same rows.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class ChatConsumerTest {
    private static final String ACME = TestTokens.bearer("acme", "agent");
    private static final String SYSTEM = TestTokens.bearer("acme", "system");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static EnvelopePublisher kafka;

    @Inject
    Pool pool;
    @Inject
    ReadModelConsumers consumers;

    private final long agentId = ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000);

    @BeforeEach
    void seedDirectory() {
        ChatFixtures.directory(pool);
    }

    @BeforeAll
    static void connect() {
        kafka = new EnvelopePublisher(RealKafka.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private EventEnvelope agentCreated(long id, String name) {
        return kafka.publish(Topics.INTERACTION, "acme", DirectoryEvents.AGENT, id, 1, new AgentCreated(id, name, name,
                "Agent", name.toLowerCase() + "@acme.test", null, List.of("agent"), List.of(), now()));
    }

    private long agents(long id) {
        return pool.preparedQuery("SELECT count(*) FROM directory_agents WHERE partner_id = 'acme' AND agent_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }

    @Test
    void aDirectoryEventTheDatabaseRefusesIsRetriedUntilItApplies() {
        sql("ALTER TABLE directory_agents ADD CONSTRAINT refuse_" + agentId + " CHECK (agent_id <> " + agentId + ") NOT VALID");
        try {
            agentCreated(agentId, "Refused");
            await().atMost(PATIENCE).until(() -> consumers.named("chat").orElseThrow().status().lastError() != null);
            given().get("/q/health/ready").then()
                    .body("checks.find { it.name == 'read-model consumers' }.data.'chat.failing_with'",
                            equalTo("io.vertx.pgclient.PgException"));
            assertThat(agents(agentId)).isZero();
        } finally {
            sql("ALTER TABLE directory_agents DROP CONSTRAINT refuse_" + agentId);
        }
        await().atMost(PATIENCE).until(() -> agents(agentId) == 1);
        await().atMost(PATIENCE).until(() -> consumers.named("chat").orElseThrow().status().lastError() == null);
    }

    @Test
    void aDecisionForAChatThatIsClosedIsAppliedWithoutEffectAndTheNextOneStillLands() {
        int closed = given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats").then().statusCode(201).extract().path("id");
        given().auth().oauth2(SYSTEM).contentType(ContentType.JSON).body("{\"chat\": {\"status\": \"finished\"}}")
                .when().patch("/apps/api/v1/chats/" + closed).then().statusCode(200);
        int open = ChatFixtures.newChat(ACME);

        kafka.publish(Topics.INTERACTION, "acme", RoutingEvents.AGGREGATE_TYPE, closed, 1,
                new ChatRouted(closed, "agent", agentId, "Ann", 3L, null, "created", null, now()));
        // On the closed chat's key, so it is applied after the refused one.
        kafka.publishKeyed(Topics.INTERACTION, TestEnvelopes.key(RoutingEvents.AGGREGATE_TYPE, closed),
                TestEnvelopes.envelope("acme", RoutingEvents.AGGREGATE_TYPE, open, 1,
                        new ChatRouted(open, "agent", agentId, "Ann", 3L, null, "created", null, now())));

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + open)
                .then().statusCode(200).body("status", equalTo("assigned")));
        assertThat(count(pool, closed, "ChatAssigned")).isZero();
        given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + closed).then().body("status", equalTo("finished"));
    }

    @Test
    void theDirectoryReadModelIsRebuiltFromTheTopicIntoTheSameRows() {
        long bot = agentId + 1, menu = agentId + 2, team = agentId + 3, parent = agentId + 4;
        agentCreated(agentId, "Rita");
        kafka.publish(Topics.INTERACTION, "acme", DirectoryEvents.AGENT, agentId, 2,
                new AgentStatusChanged(agentId, "offline", "available", null, now()));
        kafka.publish(Topics.INTERACTION, "acme", DirectoryEvents.VIRTUAL_AGENT, bot, 1,
                new VirtualAgentCreated(bot, "Robo", "https://cdn.acme.test/robo.png", now()));
        kafka.publish(Topics.INTERACTION, "acme", DirectoryEvents.TEAM, team, 1, new TeamCreated(team, "Rebuilders", null, now()));
        kafka.publish(Topics.INTERACTION, "acme", DirectoryEvents.TEAM, team, 2, new TeamDeactivated(team, null, now()));
        kafka.publish(Topics.INTERACTION, "acme", DirectoryEvents.MENU, menu, 1,
                new MenuCreated(menu, "Rebuilt", "chat", "queue", parent, List.of(team), bot, now()));
        await().atMost(PATIENCE).until(() -> directory().containsKey("menu/acme/" + menu)
                && "false".equals(directory().getOrDefault("team/acme/" + team, "-"))
                && "available".equals(directory().get("agent/acme/" + agentId).split("\\|")[4]));
        await().atMost(PATIENCE).until(() -> consumers.named("chat").orElseThrow().caughtUp());
        // Rows other tests wrote straight into the read model are not on the topic, so only this test's rows are compared.
        TreeMap<String, String> before = mine(bot, menu, team);
        assertThat(before).hasSize(4);
        assertThat(before.get("menu/acme/" + menu)).isEqualTo("Rebuilt|t|" + parent + "|" + bot + "|{" + team + "}");
        // A rebuild that did nothing would keep these; only a replay from the topic restores them.
        sql("UPDATE directory_agents SET name = 'corrupted', status = 'offline' WHERE partner_id = 'acme' AND agent_id = " + agentId);
        sql("UPDATE directory_virtual_agents SET avatar_url = NULL WHERE partner_id = 'acme' AND virtual_agent_id = " + bot);
        sql("DELETE FROM directory_teams WHERE partner_id = 'acme' AND team_id = " + team);
        sql("DELETE FROM directory_menus WHERE partner_id = 'acme' AND menu_id = " + menu);

        given().auth().oauth2(ACME).post("/admin/read-models/chat/rebuild").then().statusCode(403);
        given().auth().oauth2(SYSTEM).post("/admin/read-models/nothing/rebuild").then().statusCode(404);
        given().auth().oauth2(SYSTEM).post("/admin/read-models/chat/rebuild").then().statusCode(202)
                .body("name", hasItem("chat"));

        await().atMost(PATIENCE).until(() -> !consumers.named("chat").orElseThrow().status().replaying()
                && mine(bot, menu, team).equals(before));
        given().auth().oauth2(SYSTEM).get("/admin/read-models/chat").then().statusCode(200)
                .body("[0].read_model", equalTo("chat")).body("[0].rebuildable", equalTo(true));
        ChatFixtures.directory(pool); // the rebuild dropped the rows written by hand; later tests rely on them
    }

    private TreeMap<String, String> mine(long bot, long menu, long team) {
        TreeMap<String, String> rows = new TreeMap<>(directory());
        rows.keySet().retainAll(List.of("agent/acme/" + agentId, "virtual_agent/acme/" + bot, "menu/acme/" + menu,
                "team/acme/" + team));
        return rows;
    }

    /** Every row of the directory read model, as text. */
    private TreeMap<String, String> directory() {
        TreeMap<String, String> rows = new TreeMap<>();
        for (Row row : pool.query("""
                SELECT 'agent/' || partner_id || '/' || agent_id, concat_ws('|', coalesce(name, '-'), coalesce(first_name, '-'), coalesce(avatar_url, '-'), active, coalesce(status, '-')) FROM directory_agents
                UNION ALL SELECT 'virtual_agent/' || partner_id || '/' || virtual_agent_id, concat_ws('|', coalesce(name, '-'), coalesce(avatar_url, '-'), active) FROM directory_virtual_agents
                UNION ALL SELECT 'menu/' || partner_id || '/' || menu_id, concat_ws('|', coalesce(name, '-'), active, coalesce(parent_id::text, '-'), coalesce(virtual_agent_id::text, '-'), team_ids::text) FROM directory_menus
                UNION ALL SELECT 'team/' || partner_id || '/' || team_id, active::text FROM directory_teams""")
                .execute().await().indefinitely()) {
            rows.put(row.getString(0), row.getString(1));
        }
        return rows;
    }
}
