package io.switchboard.interaction.routing;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing's consumer (libs/consumer loop {@code routing}): an event the database refuses is retried until it
 * applies (before, it was skipped after five attempts), and the read model is rebuilt from the topics into
 * the same rows.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class RoutingConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;
    @Inject
    ReadModelConsumers consumers;

    private RoutingFixture world;
    private final long team = RoutingFixture.newId();
    private final long menu = RoutingFixture.newId();
    private final long agent = RoutingFixture.newId();

    @BeforeEach
    void world() {
        world = new RoutingFixture(pool);
        world.team(team);
    }

    @AfterEach
    void close() {
        world.close();
    }

    private ChatCreated newChat(long chatId) {
        return new ChatCreated(chatId, "queued", menu, "en", new EndUser(42L, "42", null, null, null), null,
                Map.of(), List.of(), List.of(), Instant.now(), Instant.now().plusSeconds(600));
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }

    @Test
    void anAgentTheDatabaseRefusesIsRetriedUntilItAppliesAndThenGetsTheChat() {
        sql("ALTER TABLE routing_agent ADD CONSTRAINT refuse_" + agent + " CHECK (agent_id <> " + agent + ") NOT VALID");
        long chatId = RoutingFixture.newId();
        try {
            world.availableAgent(agent, team, 5);
            world.menu(menu, "chat", team, null);
            world.chat(chatId, newChat(chatId));
            await().atMost(WAIT).until(() -> consumers.named("routing").orElseThrow().status().lastError() != null);
            assertThat(world.routed(chatId)).isEmpty();
        } finally {
            sql("ALTER TABLE routing_agent DROP CONSTRAINT refuse_" + agent);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(world.routed(chatId))
                .containsExactly(List.of("agent", agent, "created", "none", world.partner)));
    }

    @Test
    void theReadModelIsRebuiltFromTheTopicsIntoTheSameRows() {
        world.availableAgent(agent, team, 5);
        world.menu(menu, "chat", team, null);
        long chatId = RoutingFixture.newId();
        world.chat(chatId, newChat(chatId));
        await().atMost(WAIT).until(() -> world.routed(chatId).size() == 1);
        EventEnvelope assigned = world.chat(chatId, new ChatAssigned(chatId, "agent", agent, "Agent " + agent, 1,
                "router", Instant.now(), 1));
        await().atMost(WAIT).until(() -> world.applied(assigned));
        world.awaitAllApplied();
        TreeMap<String, String> before = rows();
        assertThat(before).containsKey("work/chat/" + chatId);

        given().auth().oauth2(TestTokens.bearer(world.partner, "admin")).post("/admin/read-models/routing/rebuild")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.bearer(world.partner, "system")).post("/admin/read-models/routing/rebuild")
                .then().statusCode(202);
        await().atMost(WAIT).until(() -> !consumers.named("routing").orElseThrow().status().replaying()
                && world.applied(assigned) && rows().equals(before));
        // Routing a request that was answered before the rebuild does not write a second decision.
        assertThat(world.routed(chatId)).hasSize(1);
    }

    /** The partner's rows, without what the router's decisions stamp (reservations, the chosen assignee, times). */
    private TreeMap<String, String> rows() {
        TreeMap<String, String> rows = new TreeMap<>();
        String partner = world.partner;
        collect(rows, "agent", """
                SELECT agent_id::text, concat_ws('|', coalesce(name, '-'), active, status, status_at, idle_since)
                FROM routing_agent WHERE partner_id = $1""", partner);
        collect(rows, "team", "SELECT team_id::text, active::text FROM routing_team WHERE partner_id = $1", partner);
        collect(rows, "member", """
                SELECT team_id || '/' || agent_id, concat_ws('|', member, changed_at)
                FROM routing_team_member WHERE partner_id = $1""", partner);
        collect(rows, "menu", """
                SELECT menu_id::text, concat_ws('|', coalesce(name, '-'), coalesce(channel, '-'), team_ids::text, coalesce(virtual_agent_id, 0), active)
                FROM routing_menu WHERE partner_id = $1""", partner);
        collect(rows, "work", """
                SELECT kind || '/' || work_id, concat_ws('|', coalesce(menu_id, 0), state, trigger, coalesce(escalation_id, 0), request_id, queued_at)
                FROM routing_work WHERE partner_id = $1""", partner);
        return rows;
    }

    private void collect(TreeMap<String, String> rows, String kind, String sql, String partner) {
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(partner)).await().indefinitely()) {
            rows.put(kind + "/" + row.getString(0), row.getString(1));
        }
    }
}
