package io.switchboard.chat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.FieldChange;
import io.switchboard.events.Topics;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import io.switchboard.events.interaction.RoutingEvents;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.EnvelopePublisher;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * What the chat object takes from the directory besides names (docs/api/chat.md#the-chat-object): the menu path
 * from the root, the virtual agent's avatar and status, and the features a chat is created with — all from
 * directory events the interaction service would publish, through the real broker into the chat service's copy.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class ChatDirectoryViewTest {
    private static final String ACME = TestTokens.bearer("acme", "agent");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String AVATAR = "https://cdn.acme.test/bots/helper.png";
    private static EnvelopePublisher kafka;

    @Inject
    Pool pool;

    /** Ids of this test, far from every other test's, and within an int (the JSON numbers RestAssured compares). */
    private final long base = ThreadLocalRandom.current().nextLong(10_000_000, 21_000_000) * 100;

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

    private void publish(String type, long id, long sequence, DomainEvent event) {
        kafka.publish(Topics.INTERACTION, "acme", type, id, sequence, event);
    }

    private void menu(long id, String name, Long parent, List<Long> teams, Long bot) {
        publish(DirectoryEvents.MENU, id, 1, new MenuCreated(id, name, "chat", "web_menu", parent, teams, bot, now()));
    }

    /** A chat of {@code menu}, once the chat service knows the menu (one key, so the retries create one chat). */
    private int newChat(long menu) {
        String key = UUID.randomUUID().toString();
        return await().atMost(PATIENCE).until(() -> given().auth().oauth2(ACME).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"chat\": {\"menu_id\": " + menu + ", \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats").then().extract(), created -> created.statusCode() == 201)
                .path("id");
    }

    private List<Object> menuPath(int chatId) {
        return given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId).then().statusCode(200)
                .extract().path("menus.collect { it.id + ':' + it.name }");
    }

    private static List<Object> path(Object... idsAndNames) {
        List<Object> path = new ArrayList<>();
        for (int i = 0; i < idsAndNames.length; i += 2) {
            path.add(idsAndNames[i] + ":" + idsAndNames[i + 1]);
        }
        return path;
    }

    @Test
    void menusIsThePathFromTheRootDownToTheChatsMenuAndAnOldMenuUpdatedStillFolds() {
        long root = base + 1, middle = base + 2, leaf = base + 3;
        menu(leaf, "Refunds", middle, List.of(), null);
        menu(middle, "Billing", root, List.of(), null);
        menu(root, "Support", null, List.of(), null);
        int chatId = newChat(leaf);

        await().atMost(PATIENCE).until(() -> menuPath(chatId), equalTo(path(root, "Support", middle, "Billing", leaf, "Refunds")));

        // The middle menu becomes a root (typed after-state, version 2) ...
        publish(DirectoryEvents.MENU, middle, 2, new MenuUpdated(middle, List.of(new FieldChange("parent_id", "" + root, null)),
                "Billing", "chat", "web_menu", null, List.of(), null, null, now()));
        await().atMost(PATIENCE).until(() -> menuPath(chatId), equalTo(path(middle, "Billing", leaf, "Refunds")));
        // ... and goes back under the root through a version 1 update, whose parent is only in its changes.
        publish(DirectoryEvents.MENU, middle, 3, new MenuUpdatedV1(middle, List.of(new FieldChange("parent_id", null, "" + root),
                new FieldChange("name", "Billing", "Payments")), "Payments", "chat", List.of(), null, null, now()));
        await().atMost(PATIENCE).until(() -> menuPath(chatId), equalTo(path(root, "Support", middle, "Payments", leaf, "Refunds")));

        // A cycle (the interaction service refuses one, but events of different menus travel apart) ends the walk.
        publish(DirectoryEvents.MENU, root, 2, new MenuUpdated(root, List.of(new FieldChange("parent_id", null, "" + leaf)),
                "Help", "chat", "web_menu", leaf, List.of(), null, null, now()));
        await().atMost(PATIENCE).until(() -> menuPath(chatId), equalTo(path(root, "Help", middle, "Payments", leaf, "Refunds")));
    }

    @Test
    void aDeepChainIsCutAtTheTopAndAParentNotAnnouncedYetHasNoName() {
        long first = base + 10;
        int depth = 20;
        for (long id = first; id < first + depth; id++) {
            menu(id, "Level " + (id - first), id == first ? null : id - 1, List.of(), null);
        }
        long deepest = first + depth - 1;
        int chatId = newChat(deepest);
        List<Object> nearest = new ArrayList<>();
        for (long id = deepest - 15; id <= deepest; id++) {
            nearest.add(id + ":Level " + (id - first));
        }
        await().atMost(PATIENCE).until(() -> menuPath(chatId), equalTo(nearest));

        long orphan = base + 40, unknownParent = base + 41;
        menu(orphan, "Orphan", unknownParent, List.of(), null);
        int orphanChat = newChat(orphan);
        assertThat(menuPath(orphanChat)).isEqualTo(path(unknownParent, null, orphan, "Orphan"));
    }

    @Test
    void theVirtualAgentShowsItsAvatarAndStatusFromTheDirectory() {
        long bot = base + 20, menu = base + 21;
        publish(DirectoryEvents.VIRTUAL_AGENT, bot, 1, new VirtualAgentCreated(bot, "Helper", AVATAR, now()));
        menu(menu, "Web help", null, List.of(), bot);
        int chatId = newChat(menu);
        kafka.publish(Topics.INTERACTION, "acme", RoutingEvents.AGGREGATE_TYPE, chatId, 1,
                new ChatRouted(chatId, "virtual_agent", bot, "Helper", menu, null, "created", null, now()));

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId)
                .then().statusCode(200).body("status", equalTo("va_assigned"))
                .body("virtual_agent.id", equalTo((int) bot))
                .body("virtual_agent.name", equalTo("Helper"))
                .body("virtual_agent.avatar_url", equalTo(AVATAR))
                .body("virtual_agent.status", equalTo("available"))
                .body("all_virtual_agents[0].avatar_url", equalTo(AVATAR))
                .body("all_virtual_agents[0].status", equalTo("available")));

        String other = "https://cdn.acme.test/bots/helper-2.png";
        publish(DirectoryEvents.VIRTUAL_AGENT, bot, 2, new VirtualAgentUpdated(bot,
                List.of(new FieldChange("avatar_url", AVATAR, other)), "Helper", other, null, now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId)
                .then().body("virtual_agent.avatar_url", equalTo(other)));
        // A version 1 update (only text, from before avatars) renames it and leaves the avatar alone.
        publish(DirectoryEvents.VIRTUAL_AGENT, bot, 3, new VirtualAgentUpdatedV1(bot,
                List.of(new FieldChange("name", "Helper", "Helpbot")), null, now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId)
                .then().body("virtual_agent.name", equalTo("Helpbot")).body("virtual_agent.avatar_url", equalTo(other)));
        // Cleared by a version 2 update.
        publish(DirectoryEvents.VIRTUAL_AGENT, bot, 4, new VirtualAgentUpdated(bot,
                List.of(new FieldChange("avatar_url", other, null)), "Helpbot", null, null, now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId)
                .then().body("virtual_agent.avatar_url", nullValue()).body("virtual_agent.name", equalTo("Helpbot")));

        publish(DirectoryEvents.VIRTUAL_AGENT, bot, 5, new VirtualAgentDeactivated(bot, null, now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId)
                .then().body("virtual_agent.status", equalTo("offline"))
                .body("all_virtual_agents[0].status", equalTo("offline")));
    }

    @Test
    void aChatIsCreatedWithTheFeaturesOfWhoServesItsMenuAndKeepsThem() {
        long bot = base + 30, team = base + 31, both = base + 32, teamsOnly = base + 33, botOnly = base + 34,
                nobody = base + 35, otherBot = base + 36, otherTeam = base + 37, fading = base + 38;
        publish(DirectoryEvents.VIRTUAL_AGENT, bot, 1, new VirtualAgentCreated(bot, "Helper", null, now()));
        publish(DirectoryEvents.TEAM, team, 1, new TeamCreated(team, "Support", null, now()));
        menu(both, "Both", null, List.of(team), bot);
        menu(teamsOnly, "People", null, List.of(team), null);
        menu(botOnly, "Bot", null, List.of(), bot);
        menu(nobody, "Nobody", null, List.of(), null);

        int bothChat = newChat(both);
        assertThat(features(bothChat)).containsExactly("virtual_agent", "human_agents", "escalation");
        assertThat(features(newChat(teamsOnly))).containsExactly("human_agents");
        assertThat(features(newChat(botOnly))).containsExactly("virtual_agent");
        assertThat(features(newChat(nobody))).isEmpty();
        assertThat(storedFeatures(bothChat)).isEqualTo("[\"virtual_agent\", \"human_agents\", \"escalation\"]");

        // A virtual agent or team known as deactivated serves nobody; the chat created before keeps its features.
        publish(DirectoryEvents.VIRTUAL_AGENT, otherBot, 1, new VirtualAgentCreated(otherBot, "Old bot", null, now()));
        publish(DirectoryEvents.VIRTUAL_AGENT, otherBot, 2, new VirtualAgentDeactivated(otherBot, null, now()));
        publish(DirectoryEvents.TEAM, otherTeam, 1, new TeamCreated(otherTeam, "Old team", null, now()));
        publish(DirectoryEvents.TEAM, otherTeam, 2, new TeamDeactivated(otherTeam, null, now()));
        await().atMost(PATIENCE).until(() -> inactive("directory_virtual_agents", "virtual_agent_id", otherBot)
                && inactive("directory_teams", "team_id", otherTeam));
        menu(fading, "Fading", null, List.of(otherTeam), otherBot);
        assertThat(features(newChat(fading))).isEmpty();

        // The menu changes afterwards (renamed in the same event, which shows when it has been applied): a new
        // chat gets what the menu gives now, the first chat what it was created with.
        publish(DirectoryEvents.MENU, both, 2, new MenuUpdated(both, List.of(new FieldChange("name", "Both", "Teams now"),
                new FieldChange("virtual_agent_id", "" + bot, null)), "Teams now", "chat", "web_menu", null, List.of(team),
                null, null, now()));
        await().atMost(PATIENCE).until(() -> menuPath(bothChat), equalTo(path(both, "Teams now")));
        assertThat(features(newChat(both))).containsExactly("human_agents");
        assertThat(features(bothChat)).containsExactly("virtual_agent", "human_agents", "escalation");
    }

    private List<String> features(int chatId) {
        return given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId).then().statusCode(200).extract().path("features");
    }

    private String storedFeatures(int chatId) {
        return pool.preparedQuery("SELECT payload #>> '{data,features}' FROM event_store WHERE stream_id = $1 "
                        + "AND event_type = 'ChatCreated'")
                .execute(Tuple.of("chat-" + chatId)).await().indefinitely().iterator().next().getString(0);
    }

    private boolean inactive(String table, String key, long id) {
        return pool.preparedQuery("SELECT 1 FROM " + table + " WHERE partner_id = 'acme' AND " + key + " = $1 AND NOT active")
                .execute(Tuple.of(id)).await().indefinitely().size() == 1;
    }
}
