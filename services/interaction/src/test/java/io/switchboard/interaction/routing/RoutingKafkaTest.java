package io.switchboard.interaction.routing;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatClaimed;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatReleased;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.events.chat.ChatEvents.EscalationRequested;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import io.switchboard.interaction.routing.RecordingCallRinger.Ring;
import io.switchboard.interaction.routing.domain.RouteChat;
import io.switchboard.interaction.routing.store.ChatRoutingStore;
import io.switchboard.interaction.routing.store.ChatRoutingStore.Outcome;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

/**
 * Routing end to end inside the service: events go through the real Kafka broker to the routing
 * consumers, decisions land in the real PostgreSQL event store (what Debezium would ship) or ring
 * through the tests' own {@link CallRinger}.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class RoutingKafkaTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;
    @Inject
    RecordingCallRinger ringer;
    @Inject
    ChatRoutingStore chatRouting;
    @Inject
    EventStore store;

    private RoutingFixture world;
    private final long team = RoutingFixture.newId();
    private final long menu = RoutingFixture.newId();
    private final long longIdle = RoutingFixture.newId();
    private final long shortIdle = RoutingFixture.newId();

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

    private static List<Object> routedTo(String type, long id, String trigger, Object escalationId, String partner) {
        return List.of(type, id, trigger, escalationId, partner);
    }

    @Test
    void aChatGoesToTheLongestIdleAgentOnceEvenIfItsCreationIsDeliveredTwice() {
        world.availableAgent(shortIdle, team, 2);
        world.availableAgent(longIdle, team, 9);
        world.awaitAllApplied();
        world.menu(menu, "chat", team, null);
        long chatId = RoutingFixture.newId();

        EventEnvelope created = world.chat(chatId, newChat(chatId));

        await().atMost(WAIT).untilAsserted(() -> assertThat(world.routed(chatId))
                .containsExactly(routedTo("agent", longIdle, "created", "none", world.partner)));

        world.send(created);
        // What the chat service publishes once it applied the decision; it comes after the duplicate on the chat's partition.
        EventEnvelope assigned = world.chat(chatId, new ChatAssigned(chatId, "agent", longIdle, "Agent " + longIdle, 1,
                "routing", Instant.now()));
        await().atMost(WAIT).until(() -> world.applied(assigned));
        assertThat(world.routed(chatId)).hasSize(1);
        assertThat(world.workState("chat", chatId)).isEqualTo("assigned");
    }

    @Test
    void aChatOfAMenuWithAVirtualAgentGoesToItAndItsEscalationToTheLongestIdleAgent() {
        long bot = RoutingFixture.newId();
        world.directory(DirectoryEvents.VIRTUAL_AGENT, bot, new VirtualAgentCreated(bot, "Botty", null, world.now));
        world.availableAgent(shortIdle, team, 1);
        world.availableAgent(longIdle, team, 30);
        world.awaitAllApplied();
        world.menu(menu, "chat", team, bot);
        long chatId = RoutingFixture.newId();

        world.chat(chatId, newChat(chatId));
        await().atMost(WAIT).untilAsserted(() -> assertThat(world.routed(chatId))
                .containsExactly(routedTo("virtual_agent", bot, "created", "none", world.partner)));

        world.chat(chatId, new ChatAssigned(chatId, "virtual_agent", bot, "Botty", 1, "routing", Instant.now()));
        world.chat(chatId, new EscalationRequested(chatId, 77, "customer asked for a person", false, "pending", Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(world.routed(chatId)).containsExactly(
                routedTo("virtual_agent", bot, "created", "none", world.partner),
                routedTo("agent", longIdle, "escalated", 77L, world.partner)));
    }

    @Test
    void deactivatedAgentsAndFormerTeamMembersAreNotRouted() {
        long formerMember = RoutingFixture.newId();
        world.availableAgent(longIdle, team, 50);
        world.availableAgent(formerMember, team, 40);
        world.availableAgent(shortIdle, team, 1);
        world.directory(DirectoryEvents.AGENT, longIdle, new AgentDeactivated(longIdle, null, Instant.now()));
        world.directory(DirectoryEvents.TEAM, team, new TeamMemberRemoved(team, formerMember, Instant.now()));
        world.awaitAllApplied();
        world.menu(menu, "chat", team, null);
        long chatId = RoutingFixture.newId();

        world.chat(chatId, newChat(chatId));

        await().atMost(WAIT).untilAsserted(() -> assertThat(world.routed(chatId))
                .containsExactly(routedTo("agent", shortIdle, "created", "none", world.partner)));
    }

    @Test
    void aQueuedCallRingsTheLongestIdleAgent() {
        world.availableAgent(shortIdle, team, 3);
        world.availableAgent(longIdle, team, 4);
        world.awaitAllApplied();
        world.menu(menu, "voice", team, null);
        // The call names the menu, so the directory (the interaction service's own event store) has it too.
        store.append(world.partner, StreamId.of(DirectoryEvents.MENU, menu), 0, List.of(new MenuCreated(menu, "menu " + menu,
                "voice", "queue", null, List.of(team), null, Instant.now()))).await().indefinitely();
        // A real inbound call, queued by the call aggregate; its CallQueued reaches routing as Debezium would ship it.
        String token = TestTokens.bearer(world.partner, "system");
        int callId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"call_type\": \"Voice Inbound (API)\", \"end_user_number\": \"+15550100\", \"menu_id\": " + menu + "}")
                .when().post("/apps/api/v1/calls").then().statusCode(201).body("status", equalTo("queued"))
                .extract().path("id");

        world.call(callId, new CallQueued(callId, menu, Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(ringer.ringsOf(world.partner))
                .containsExactly(new Ring(world.partner, callId, longIdle)));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).when().get("/apps/api/v1/calls/" + callId)
                .then().body("status", equalTo("connecting"), "agent_info.id", equalTo(longIdle)));
        assertThat(world.workState("call", callId)).isEqualTo("routed");
    }

    @Test
    void workWaitsWhileNobodyIsAvailableAndAnAgentGetsOneChatAtATime() {
        world.agent(longIdle, team);
        world.awaitAllApplied();
        world.menu(menu, "chat", team, null);
        long first = RoutingFixture.newId();
        long second = RoutingFixture.newId();

        world.chat(first, newChat(first));
        EventEnvelope secondCreated = world.chat(second, newChat(second));
        await().atMost(WAIT).until(() -> world.applied(secondCreated));
        assertThat(world.routed(first)).isEmpty();
        assertThat(world.workState("chat", second)).isEqualTo("pending");

        world.status(longIdle, "offline", "available", Instant.now());
        await().atMost(WAIT).untilAsserted(() -> assertThat(world.routed(first))
                .containsExactly(routedTo("agent", longIdle, "created", "none", world.partner)));
        assertThat(world.workState("chat", second)).isEqualTo("pending");

        world.status(longIdle, "available", "in_chat", Instant.now());
        EventEnvelope free = world.status(longIdle, "in_chat", "available", Instant.now().plusMillis(5));
        await().atMost(WAIT).untilAsserted(() -> assertThat(world.routed(second))
                .containsExactly(routedTo("agent", longIdle, "created", "none", world.partner)));
        assertThat(world.applied(free)).isTrue();
        assertThat(world.routed(first)).hasSize(1);
    }

    @Test
    void aClaimedChatIsNotRoutedUntilItIsReleased() {
        world.agent(longIdle, team);
        world.awaitAllApplied();
        world.menu(menu, "chat", team, null);
        long chatId = RoutingFixture.newId();
        world.chat(chatId, newChat(chatId));
        world.chat(chatId, new ChatClaimed(chatId, shortIdle, Instant.now()));
        world.awaitAllApplied();

        EventEnvelope available = world.status(longIdle, "offline", "available", Instant.now());
        await().atMost(WAIT).until(() -> world.applied(available) && "claimed".equals(world.workState("chat", chatId)));
        assertThat(world.routed(chatId)).isEmpty();

        world.chat(chatId, new ChatReleased(chatId, shortIdle, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(world.routed(chatId))
                .containsExactly(routedTo("agent", longIdle, "released", "none", world.partner)));
    }

    @Test
    void concurrentDecisionsForTheSameChatWriteOneChatRouted() {
        long chatId = RoutingFixture.newId();
        List<Uni<Outcome>> racers = List.of(1L, 2L, 3L, 4L).stream()
                .map(agent -> chatRouting.route(world.partner, new RouteChat(UUID.randomUUID(),
                        new ChatRouted(chatId, "agent", agent, "Agent " + agent, menu, team, "created", null, Instant.now()))))
                .toList();

        List<Outcome> outcomes = Uni.join().all(racers).andFailFast().await().atMost(WAIT);

        assertThat(outcomes).filteredOn(outcome -> outcome == Outcome.WRITTEN).hasSize(1);
        assertThat(world.routed(chatId)).hasSize(1);
    }
}
