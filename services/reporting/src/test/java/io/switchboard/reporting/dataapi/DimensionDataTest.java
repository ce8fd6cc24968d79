package io.switchboard.reporting.dataapi;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.reporting.Scenario;
import io.switchboard.reporting.dataapi.policy.DataActions;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The dimensiondata queries over the directory read model and the redacted messages, fed through the real broker:
 * agents with their teams and status, the team and menu trees, virtual agents, the intents found; cursor pages while
 * agents arrive; the Dimension access default policy (also for partners seeded before it); partner isolation, the
 * system level and bounded arguments (never a 500).
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class DimensionDataTest {
    static final String PARTNER = "dim-" + UUID.randomUUID().toString().substring(0, 8);
    static final String OTHER = "dimo-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PATH = "/api/partners/%s/data/dimensiondata/%s";
    static final Instant T = Instant.parse("2026-11-20T08:00:00Z");
    static boolean fed;

    @Inject
    AgroalDataSource dataSource;

    /** One partner's events with each stream's positions counted (a repeated position would never be applied). */
    static final class Feed {
        final String partner;
        final Map<String, Long> sequences = new HashMap<>();
        final List<EventEnvelope> events = new ArrayList<>();

        Feed(String partner) {
            this.partner = partner;
        }

        Feed add(String type, long id, DomainEvent data, Instant at) {
            long sequence = sequences.merge(TestEnvelopes.key(type, id), 1L, Long::sum);
            events.add(DataFeed.event(partner, type, id, sequence, data, at));
            return this;
        }
    }

    /**
     * Teams: 21 Sales (root) with 22 Sales East (→ 24 Boston) and 23 Sales West; 25 Support (root, deactivated).
     * Agents 201 (Sales), 202 (Sales East, on a break), 203 deactivated, 204 known only by a status change, 205
     * (Boston). Menus: 41 Main (voice, root, team 21) → 42 Sales line (voice, teams 22 and 23); 43 Web chat (chat,
     * virtual agent 61). Virtual agents 61, 62 (deactivated). Messages: billing in chats 801 and 802, refunds in 801,
     * one message without a topic.
     */
    @BeforeEach
    void feedOnce() {
        synchronized (DimensionDataTest.class) {
            if (fed) {
                return;
            }
            Feed f = new Feed(PARTNER);
            f.add(DirectoryEvents.TEAM, 21, new TeamCreated(21, "Sales", null, T), T);
            f.add(DirectoryEvents.TEAM, 22, new TeamCreated(22, "Sales East", 21L, T), T);
            f.add(DirectoryEvents.TEAM, 23, new TeamCreated(23, "Sales West", 21L, T), T);
            f.add(DirectoryEvents.TEAM, 24, new TeamCreated(24, "Boston", 22L, T), T);
            f.add(DirectoryEvents.TEAM, 25, new TeamCreated(25, "Support", null, T), T);
            f.add(DirectoryEvents.TEAM, 25, new TeamDeactivated(25, 1L, T.plusSeconds(60)), T.plusSeconds(60));
            f.add(DirectoryEvents.AGENT, 201, new AgentCreated(201, "Ann Able", "Ann", "Able", "ann@dim.test", null,
                    List.of("agent"), List.of(21L), T), T);
            f.add(DirectoryEvents.AGENT, 202, new AgentCreated(202, "Ben Best", "Ben", "Best", "ben@dim.test", null,
                    List.of("agent", "supervisor"), List.of(22L), T), T);
            f.add(DirectoryEvents.AGENT, 202, new AgentStatusChanged(202, null, "break", "coffee", T.plusSeconds(120)),
                    T.plusSeconds(120));
            f.add(DirectoryEvents.AGENT, 203, new AgentCreated(203, "Cid Gone", "Cid", "Gone", "cid@dim.test", null,
                    List.of("agent"), List.of(), T), T);
            f.add(DirectoryEvents.AGENT, 203, new AgentDeactivated(203, 1L, T.plusSeconds(30)), T.plusSeconds(30));
            f.add(DirectoryEvents.AGENT, 204, new AgentStatusChanged(204, null, "Available", null, T.plusSeconds(10)),
                    T.plusSeconds(10));
            f.add(DirectoryEvents.AGENT, 205, new AgentCreated(205, "Dee Deep", "Dee", "Deep", "dee@dim.test", null,
                    List.of("agent"), List.of(), T), T);
            f.add(DirectoryEvents.TEAM, 24, new TeamMemberAdded(24, 205, T.plusSeconds(5)), T.plusSeconds(5));
            f.add(DirectoryEvents.VIRTUAL_AGENT, 61, new VirtualAgentCreated(61, "Sunny Bot", null, T), T);
            f.add(DirectoryEvents.VIRTUAL_AGENT, 62, new VirtualAgentCreated(62, "Old Bot", null, T), T);
            f.add(DirectoryEvents.VIRTUAL_AGENT, 62, new VirtualAgentDeactivated(62, 1L, T.plusSeconds(40)), T.plusSeconds(40));
            f.add(DirectoryEvents.MENU, 41, new MenuCreated(41, "Main", "voice", "ivr_menu", null, List.of(21L), null, T), T);
            f.add(DirectoryEvents.MENU, 42, new MenuCreated(42, "Sales line", "voice", "ivr_menu", 41L, List.of(22L, 23L),
                    null, T), T);
            f.add(DirectoryEvents.MENU, 43, new MenuCreated(43, "Web chat", "chat", "chat_entry", null, List.of(), 61L, T), T);
            f.add(RedactionEvents.AGGREGATE_TYPE, 801, message(801, 1, "billing", 0.8, T.plusSeconds(300)), T.plusSeconds(300));
            f.add(RedactionEvents.AGGREGATE_TYPE, 801, message(801, 2, "refunds", 0.7, T.plusSeconds(310)), T.plusSeconds(310));
            f.add(RedactionEvents.AGGREGATE_TYPE, 801, message(801, 3, null, null, T.plusSeconds(320)), T.plusSeconds(320));
            f.add(RedactionEvents.AGGREGATE_TYPE, 802, message(802, 1, "billing", 0.9, T.plusSeconds(900)), T.plusSeconds(900));
            DataFeed.sendAndAwait(dataSource, PARTNER, f.events);

            // Another partner with the same ids: its rows are its own.
            Feed o = new Feed(OTHER);
            o.add(DirectoryEvents.AGENT, 201, new AgentCreated(201, "Other Ann", "Other", "Ann", "ann@other.test", null,
                    List.of("agent"), List.of(21L), T), T);
            o.add(DirectoryEvents.TEAM, 21, new TeamCreated(21, "Other Sales", null, T), T);
            o.add(RedactionEvents.AGGREGATE_TYPE, 801, message(801, 1, "secret_intent", 0.95, T), T);
            DataFeed.sendAndAwait(dataSource, OTHER, o.events);
            fed = true;
        }
    }

    static RedactionEvents.MessageRedacted message(long chat, long id, String topic, Double score, Instant at) {
        return Scenario.redactedMessage(chat, id, "customer", null, null, "text " + id, List.of(), 0.1, topic, score, at);
    }

    static RequestSpecification as(String token, String partner) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("x-cp-partner-id", partner);
    }

    static RequestSpecification agent() {
        return as(TestTokens.agent(PARTNER, 201, "agent"), PARTNER);
    }

    static ValidatableResponse post(RequestSpecification spec, String action, String query) {
        return spec.body(Map.of("query", query)).post(PATH.formatted(PARTNER, action)).then();
    }

    static ValidatableResponse post(RequestSpecification spec, String action, String query, Map<String, Object> variables) {
        return spec.body(Map.of("query", query, "variables", variables)).post(PATH.formatted(PARTNER, action)).then();
    }

    static List<String> ids(ValidatableResponse response, String root, String field) {
        return response.statusCode(200).body("errors", nullValue()).extract().jsonPath()
                .getList("data." + root + ".edges.node." + field, String.class);
    }

    @Test
    void agentsCarryTheirProfileStatusAndTeams() {
        String query = "query($team: ID, $status: String, $off: Boolean, $since: String) {"
                + " getAgents(teamId: $team, status: $status, deactivated: $off, updatedSince: $since, first: 100) {"
                + " edges { cursor node { agentId partnerId name firstName lastName email roles status statusReason"
                + " statusUpdatedAt teams { teamId name } deactivated createdAt updatedAt } } pageInfo { hasNextPage } } }";
        JsonPath all = post(agent(), "getAgents", query).statusCode(200).body("errors", nullValue())
                .body("extensions.watermark.caughtUp", notNullValue())
                .extract().jsonPath().setRootPath("data.getAgents");
        assertThat(all.getList("edges.node.agentId", String.class)).containsExactly("201", "202", "203", "204", "205");
        assertThat(all.getBoolean("pageInfo.hasNextPage")).isFalse();
        assertThat(all.getString("edges[0].node.partnerId")).isEqualTo(PARTNER);
        assertThat(all.getString("edges[0].node.name")).isEqualTo("Ann Able");
        assertThat(all.getString("edges[0].node.email")).isEqualTo("ann@dim.test");
        assertThat(all.getList("edges[0].node.teams.name")).containsExactly("Sales");
        assertThat(all.getList("edges[1].node.roles")).containsExactly("agent", "supervisor");
        // The status by its Manager API name, with its reason and time.
        assertThat(all.getString("edges[1].node.status")).isEqualTo("Break");
        assertThat(all.getString("edges[1].node.statusReason")).isEqualTo("coffee");
        assertThat(all.getString("edges[1].node.statusUpdatedAt")).isEqualTo("2026-11-20T08:02:00.000Z");
        assertThat(all.getList("edges[1].node.teams.teamId")).containsExactly("22");
        assertThat(all.getBoolean("edges[2].node.deactivated")).isTrue();
        // Known only by its status so far: listed, its profile null.
        assertThat(all.getString("edges[3].node.name")).isNull();
        assertThat(all.getString("edges[3].node.createdAt")).isNull();
        assertThat(all.getString("edges[3].node.status")).isEqualTo("Available");
        assertThat(all.getList("edges[4].node.teams.name")).containsExactly("Boston");
        assertThat(all.getString("edges[4].node.createdAt")).isEqualTo("2026-11-20T08:00:00.000Z");

        assertThat(ids(post(agent(), "getAgents", query, Map.of("team", "24")), "getAgents", "agentId")).containsExactly("205");
        assertThat(ids(post(agent(), "getAgents", query, Map.of("status", "BREAK")), "getAgents", "agentId")).containsExactly("202");
        assertThat(ids(post(agent(), "getAgents", query, Map.of("off", true)), "getAgents", "agentId")).containsExactly("203");
        assertThat(ids(post(agent(), "getAgents", query, Map.of("off", false)), "getAgents", "agentId"))
                .containsExactly("201", "202", "204", "205");
        assertThat(ids(post(agent(), "getAgents", query, Map.of("since", "2026-11-20T08:00:30Z")), "getAgents", "agentId"))
                .containsExactly("202", "203");
    }

    @Test
    void anAgentById() {
        String query = "query($id: ID!) { getAgentById(agentId: $id) { agentId name teams { name } } }";
        post(agent(), "getAgentById", query, Map.of("id", "202")).statusCode(200)
                .body("data.getAgentById.name", equalTo("Ben Best"))
                .body("data.getAgentById.teams.name", equalTo(List.of("Sales East")));
        post(agent(), "getAgentById", query, Map.of("id", "999")).statusCode(200).body("data.getAgentById", nullValue());
        post(agent(), "getAgentById", query, Map.of("id", "0")).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("agentId"));
    }

    @Test
    void theTeamTree() {
        String fields = "teamId name parentId depth agentCount deactivated path { teamId name }"
                + " parent { teamId } children { teamId name children { teamId } }";
        JsonPath teams = post(agent(), "getTeams", "{ getTeams(first: 100) { edges { node { " + fields + " } } } }")
                .statusCode(200).body("errors", nullValue()).extract().jsonPath().setRootPath("data.getTeams.edges.node");
        assertThat(teams.getList("teamId", String.class)).containsExactly("21", "22", "23", "24", "25");
        assertThat(teams.getList("[0].children.teamId")).containsExactly("22", "23");
        assertThat(teams.getList("[0].children[0].children.teamId")).containsExactly("24");
        assertThat(teams.getString("[0].parent")).isNull();
        assertThat(teams.getInt("[0].depth")).isZero();
        assertThat(teams.getInt("[0].agentCount")).isEqualTo(1);
        assertThat(teams.getString("[3].parent.teamId")).isEqualTo("22");
        assertThat(teams.getList("[3].path.name")).containsExactly("Sales", "Sales East", "Boston");
        assertThat(teams.getInt("[3].depth")).isEqualTo(2);
        assertThat(teams.getBoolean("[4].deactivated")).isTrue();

        assertThat(ids(post(agent(), "getTeams", "{ getTeams(rootsOnly: true) { edges { node { teamId } } } }"),
                "getTeams", "teamId")).containsExactly("21", "25");
        assertThat(ids(post(agent(), "getTeams", "{ getTeams(parentId: \"21\") { edges { node { teamId } } } }"),
                "getTeams", "teamId")).containsExactly("22", "23");
        assertThat(ids(post(agent(), "getTeams", "{ getTeams(deactivated: false, rootsOnly: true) { edges { node { teamId } } } }"),
                "getTeams", "teamId")).containsExactly("21");
    }

    @Test
    void menusAreTheChannelOriginsWithTheirTeamsAndVirtualAgent() {
        String query = "query($channel: String) { getMenus(channel: $channel) { edges { node { menuId name channel menuType"
                + " parentId depth path { name } parent { menuId } children { menuId } teams { teamId name }"
                + " virtualAgent { virtualAgentId name } } } } }";
        JsonPath menus = post(agent(), "getMenus", query).statusCode(200).body("errors", nullValue())
                .extract().jsonPath().setRootPath("data.getMenus.edges.node");
        assertThat(menus.getList("menuId", String.class)).containsExactly("41", "42", "43");
        assertThat(menus.getList("[0].children.menuId")).containsExactly("42");
        assertThat(menus.getList("[1].teams.name")).containsExactly("Sales East", "Sales West");
        assertThat(menus.getList("[1].path.name")).containsExactly("Main", "Sales line");
        assertThat(menus.getString("[1].parent.menuId")).isEqualTo("41");
        assertThat(menus.getString("[2].virtualAgent.name")).isEqualTo("Sunny Bot");
        assertThat(menus.getString("[0].virtualAgent")).isNull();
        assertThat(ids(post(agent(), "getMenus", query, Map.of("channel", "CHAT")), "getMenus", "menuId")).containsExactly("43");
    }

    @Test
    void virtualAgentsWithTheMenusTheyAnswer() {
        JsonPath bots = post(agent(), "getVirtualAgents",
                "{ getVirtualAgents { edges { node { virtualAgentId name deactivated menus { menuId name } } } } }")
                .statusCode(200).body("errors", nullValue()).extract().jsonPath().setRootPath("data.getVirtualAgents.edges.node");
        assertThat(bots.getList("virtualAgentId", String.class)).containsExactly("61", "62");
        assertThat(bots.getList("[0].menus.name")).containsExactly("Web chat");
        assertThat(bots.getBoolean("[1].deactivated")).isTrue();
        assertThat(ids(post(agent(), "getVirtualAgents",
                "{ getVirtualAgents(deactivated: false) { edges { node { virtualAgentId } } } }"), "getVirtualAgents",
                "virtualAgentId")).containsExactly("61");
    }

    @Test
    void theIntentsFoundInThePartnersConversations() {
        JsonPath intents = post(agent(), "getIntents", "{ getIntents { edges { node { intent partnerId conversationCount"
                + " messageCount bestScore averageScore firstSeenAt lastSeenAt } } } }")
                .statusCode(200).body("errors", nullValue()).extract().jsonPath().setRootPath("data.getIntents.edges.node");
        // Never another partner's (its secret_intent).
        assertThat(intents.getList("intent", String.class)).containsExactly("billing", "refunds");
        assertThat(intents.getInt("[0].conversationCount")).isEqualTo(2);
        assertThat(intents.getInt("[0].messageCount")).isEqualTo(2);
        assertThat(intents.getDouble("[0].bestScore")).isEqualTo(0.9);
        assertThat(intents.getDouble("[0].averageScore")).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(intents.getString("[0].firstSeenAt")).isEqualTo("2026-11-20T08:05:00.000Z");
        assertThat(intents.getString("[0].lastSeenAt")).isEqualTo("2026-11-20T08:15:00.000Z");
        assertThat(intents.getInt("[1].conversationCount")).isEqualTo(1);
        // Paged by name.
        JsonPath first = post(agent(), "getIntents", "{ getIntents(first: 1) { edges { node { intent } } pageInfo { hasNextPage endCursor } } }")
                .statusCode(200).extract().jsonPath().setRootPath("data.getIntents");
        assertThat(first.getList("edges.node.intent")).containsExactly("billing");
        assertThat(first.getBoolean("pageInfo.hasNextPage")).isTrue();
        assertThat(ids(post(agent(), "getIntents", "query($after: String) { getIntents(first: 1, after: $after) { edges { node { intent } } } }",
                Map.of("after", first.getString("pageInfo.endCursor"))), "getIntents", "intent")).containsExactly("refunds");
    }

    @Test
    void pagesFollowTheCursorAndStayStableWhileAgentsArrive() {
        String query = "query($after: String) { getAgents(first: 2, after: $after) { edges { node { agentId } }"
                + " pageInfo { hasNextPage endCursor } } }";
        JsonPath page1 = post(agent(), "getAgents", query).statusCode(200).extract().jsonPath().setRootPath("data.getAgents");
        assertThat(page1.getList("edges.node.agentId")).containsExactly("201", "202");
        assertThat(page1.getBoolean("pageInfo.hasNextPage")).isTrue();
        JsonPath page2 = post(agent(), "getAgents", query, Map.of("after", page1.getString("pageInfo.endCursor")))
                .statusCode(200).extract().jsonPath().setRootPath("data.getAgents");
        assertThat(page2.getList("edges.node.agentId")).containsExactly("203", "204");

        // An agent created between the pages, and a change of one already read: neither repeated nor skipped.
        Feed more = new Feed(PARTNER);
        more.add(DirectoryEvents.AGENT, 200, new AgentCreated(200, "Early Id", "E", "I", "e@dim.test", null,
                List.of("agent"), List.of(), T.plusSeconds(999)), T.plusSeconds(999));
        more.add(DirectoryEvents.AGENT, 206, new AgentCreated(206, "Fay Late", "Fay", "Late", "fay@dim.test", null,
                List.of("agent"), List.of(), T.plusSeconds(999)), T.plusSeconds(999));
        synchronized (DimensionDataTest.class) {
            DataFeed.sendAndAwait(dataSource, PARTNER, more.events);
        }
        JsonPath page3 = post(agent(), "getAgents", query, Map.of("after", page2.getString("pageInfo.endCursor")))
                .statusCode(200).extract().jsonPath().setRootPath("data.getAgents");
        assertThat(page3.getList("edges.node.agentId")).containsExactly("205", "206");
        assertThat(page3.getBoolean("pageInfo.hasNextPage")).isFalse();
        // From the start again, the lower id comes first.
        assertThat(ids(post(agent(), "getAgents", query), "getAgents", "agentId")).containsExactly("200", "201");
        // A cursor of another list is refused.
        post(agent(), "getTeams", "query($after: String) { getTeams(after: $after) { edges { cursor } } }",
                Map.of("after", page1.getString("pageInfo.endCursor"))).statusCode(400).body("errors[0].field", equalTo("after"));
    }

    @Test
    void argumentsAreBoundedNeverA500() {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{ getAgents(first: 0) { edges { cursor } } }", "first");
        refused.put("{ getAgents(first: 101) { edges { cursor } } }", "first");
        refused.put("{ getAgents(teamId: \"1; DROP TABLE agents\") { edges { cursor } } }", "teamId");
        refused.put("{ getAgents(teamId: \"12345678901234567890\") { edges { cursor } } }", "teamId");
        refused.put("{ getAgents(status: \"" + "s".repeat(65) + "\") { edges { cursor } } }", "status");
        refused.put("{ getAgents(status: \"\") { edges { cursor } } }", "status");
        refused.put("{ getAgents(updatedSince: \"yesterday\") { edges { cursor } } }", "updatedSince");
        refused.put("{ getAgents(updatedSince: \"99999-01-01T00:00:00Z\") { edges { cursor } } }", "updatedSince");
        refused.put("{ getAgents(after: \"" + "a".repeat(1001) + "\") { edges { cursor } } }", "after");
        refused.put("{ getAgents(after: \"bm90LWEtY3Vyc29y\") { edges { cursor } } }", "after");
        refused.put("{ getAgents(first: 2147483647) { edges { cursor } } }", "first");
        for (Map.Entry<String, String> c : refused.entrySet()) {
            String action = "getAgents";
            post(agent(), action, c.getKey()).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c.getValue()));
        }
        post(agent(), "getMenus", "{ getMenus(channel: \"" + "v".repeat(33) + "\") { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("channel"));
        post(agent(), "getTeams", "{ getTeams(parentId: \"-3\") { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("parentId"));
        post(agent(), "getAgents", "{ getAgents(first: 99999999999) { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("query"));
        // A tree walked deeper than the depth limit is refused before anything runs.
        String deep = "{ getTeams { edges { node { " + "children { ".repeat(14) + "teamId" + " }".repeat(14) + " } } } }";
        post(agent(), "getTeams", deep).statusCode(400).body("errors[0].field", equalTo("query"))
                .body("detail", containsString("depth"));
    }

    @Test
    void theDimensionAccessPolicyGrantsEveryRoleUntilAnAdminTakesItAway() {
        String partner = "dimp-" + UUID.randomUUID().toString().substring(0, 8);
        RequestSpecification admin = given().auth().oauth2(TestTokens.bearer(partner, "admin")).contentType(ContentType.JSON);
        String dimension = admin.get("/api/partners/" + partner + "/access-policies").then().statusCode(200)
                .body("find { it.name == 'Dimension access' }.roles",
                        containsInAnyOrder("agent", "enhanced-agent", "supervisor", "admin"))
                .body("find { it.name == 'Dimension access' }.actions", containsInAnyOrder("dimensiondata:getAgents",
                        "dimensiondata:getAgentById", "dimensiondata:getTeams", "dimensiondata:getMenus",
                        "dimensiondata:getVirtualAgents", "dimensiondata:getIntents"))
                .extract().path("find { it.name == 'Dimension access' }.id");
        for (String role : List.of("agent", "enhanced-agent", "supervisor", "admin")) {
            assertThat(teamsAs(partner, role)).as(role).isEqualTo(200);
        }
        List<String> agentPolicies = new ArrayList<>(given().auth().oauth2(TestTokens.bearer(partner, "admin"))
                .get("/api/partners/" + partner + "/access-policy-roles").then().statusCode(200)
                .extract().path("find { it.role == 'agent' }.policies"));
        agentPolicies.remove(dimension);
        given().auth().oauth2(TestTokens.bearer(partner, "admin")).contentType(ContentType.JSON)
                .body(Map.of("policies", agentPolicies)).put("/api/partners/" + partner + "/access-policy-roles/agent")
                .then().statusCode(200);
        assertThat(teamsAs(partner, "agent")).isEqualTo(403);
        given().auth().oauth2(TestTokens.agent(partner, 201, "agent")).contentType(ContentType.JSON)
                .header("x-cp-partner-id", partner).body(Map.of("query", "{ getTeams { edges { cursor } } }"))
                .post(PATH.formatted(partner, "getTeams")).then().statusCode(403)
                .body("detail", containsString("dimensiondata:getTeams")).body("errors[0].field", equalTo("action"));
        assertThat(teamsAs(partner, "supervisor")).isEqualTo(200);
        // /graphql authorises a dimension root field as its dimensiondata action too.
        given().auth().oauth2(TestTokens.agent(partner, 201, "agent")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ getTeams { edges { cursor } } }")).post("/graphql").then().statusCode(403)
                .body("detail", containsString("dimensiondata:getTeams"));
    }

    @Test
    void partnersSeededBeforeTheDimensionDefaultGetItOnce() throws Exception {
        // As V20..V29 left them: a marker of the first generation; one partner's admin had named a policy so already.
        String plain = "dimv1-" + UUID.randomUUID().toString().substring(0, 8);
        String named = "dimv1n-" + UUID.randomUUID().toString().substring(0, 8);
        UUID own = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            for (String p : List.of(plain, named)) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO data_access_partners (partner_id, defaults_version) VALUES (?, 1)")) {
                    s.setString(1, p);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO data_access_policies (partner_id, id, name, description, actions, created_at, updated_at)
                    VALUES (?, ?, 'Dimension access', 'ours', ARRAY['conversationdata:getConversationById'], now(), now())""")) {
                s.setString(1, named);
                s.setObject(2, own);
                s.executeUpdate();
            }
        }
        // The older defaults are not brought back (the admin may have deleted them); the new one arrives, once.
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TestTokens.bearer(plain, "admin")).get("/api/partners/" + plain + "/access-policies")
                    .then().statusCode(200).body("name", containsInAnyOrder("Dimension access", "Analytics"))
                    .body("find { it.name == 'Dimension access' }.roles",
                            containsInAnyOrder("agent", "enhanced-agent", "supervisor", "admin"));
        }
        assertThat(teamsAs(plain, "agent")).isEqualTo(200);
        // The admin's own policy of that name stays as it was, and grants no dimension action.
        given().auth().oauth2(TestTokens.bearer(named, "admin")).get("/api/partners/" + named + "/access-policies")
                .then().statusCode(200).body("$", hasSize(2))
                .body("find { it.name == 'Dimension access' }.id", equalTo(own.toString()))
                .body("find { it.name == 'Dimension access' }.actions", equalTo(List.of("conversationdata:getConversationById")));
        assertThat(teamsAs(named, "supervisor")).isEqualTo(403);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT defaults_version FROM data_access_partners WHERE partner_id = ANY(?) ORDER BY partner_id")) {
            s.setArray(1, c.createArrayOf("text", new Object[] {plain, named}));
            try (var rs = s.executeQuery()) {
                assertThat(rs.next() && rs.getInt(1) == DataActions.DEFAULTS_VERSION && rs.next()
                        && rs.getInt(1) == DataActions.DEFAULTS_VERSION).isTrue();
            }
        }
    }

    static int teamsAs(String partner, String role) {
        return given().auth().oauth2(TestTokens.agent(partner, 201, role)).contentType(ContentType.JSON)
                .header("x-cp-partner-id", partner).body(Map.of("query", "{ getTeams { edges { cursor } } }"))
                .post(PATH.formatted(partner, "getTeams")).statusCode();
    }

    @Test
    void anotherPartnersDimensionsAreNeverShown() {
        // Another partner's path is not found.
        post(as(TestTokens.agent(OTHER, 201, "agent"), PARTNER), "getAgents", "{ getAgents { edges { cursor } } }")
                .statusCode(404);
        // The other partner's agent 201 and team 21 are its own.
        RequestSpecification other = as(TestTokens.agent(OTHER, 201, "agent"), OTHER);
        other.body(Map.of("query", "{ getAgents { edges { node { agentId name teams { name } } } } }"))
                .post(PATH.formatted(OTHER, "getAgents")).then().statusCode(200)
                .body("data.getAgents.edges.node.name", equalTo(List.of("Other Ann")))
                .body("data.getAgents.edges[0].node.teams.name", equalTo(List.of("Other Sales")));
        as(TestTokens.agent(OTHER, 201, "agent"), OTHER)
                .body(Map.of("query", "{ getAgentById(agentId: \"202\") { agentId } }"))
                .post(PATH.formatted(OTHER, "getAgentById")).then().statusCode(200).body("data.getAgentById", nullValue());
        as(TestTokens.agent(OTHER, 201, "agent"), OTHER).body(Map.of("query", "{ getIntents { edges { node { intent } } } }"))
                .post(PATH.formatted(OTHER, "getIntents")).then().statusCode(200)
                .body("data.getIntents.edges.node.intent", equalTo(List.of("secret_intent")));
        // A cursor of this partner's list does not open another partner's rows on the other's path.
        String cursor = post(agent(), "getAgents", "{ getAgents(first: 1) { pageInfo { endCursor } } }")
                .statusCode(200).extract().path("data.getAgents.pageInfo.endCursor");
        as(TestTokens.agent(OTHER, 201, "agent"), OTHER)
                .body(Map.of("query", "query($a: String) { getAgents(after: $a) { edges { node { name } } } }",
                        "variables", Map.of("a", cursor)))
                .post(PATH.formatted(OTHER, "getAgents")).then().statusCode(200)
                .body("data.getAgents.edges.node.name", not(hasItem("Ben Best")));
        // On /graphql, the caller's own partner only.
        given().auth().oauth2(TestTokens.agent(OTHER, 201, "agent")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ getTeams { edges { node { name } } } }")).post("/graphql").then().statusCode(200)
                .body("data.getTeams.edges.node.name", equalTo(List.of("Other Sales")))
                .body("extensions.watermark", notNullValue());
    }

    @Test
    void theSystemLevelListsEveryPartnersRowsNamingThePartner() {
        JsonPath agents = given().auth().oauth2(TestTokens.bearer("platform", "system")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ getAgents(first: 100) { edges { node { agentId partnerId name } } } }"))
                .post("/api/system/data/dimensiondata/getAgents").then().statusCode(200).body("errors", nullValue())
                .extract().jsonPath().setRootPath("data.getAgents.edges.node");
        assertThat(agents.getList("findAll { it.agentId == '201' }.partnerId", String.class)).contains(PARTNER, OTHER);
        given().auth().oauth2(TestTokens.bearer("platform", "system")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ getTeams(first: 100) { edges { node { teamId partnerId path { name } } } } }"))
                .post("/api/system/data/dimensiondata/getTeams").then().statusCode(200).body("errors", nullValue())
                .body("data.getTeams.edges.node.findAll { it.partnerId == '" + OTHER + "' }.path.name",
                        equalTo(List.of(List.of("Other Sales"))));
        // A partner's agent may not reach the system level.
        given().auth().oauth2(TestTokens.agent(PARTNER, 201, "agent")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ getAgents { edges { cursor } } }"))
                .post("/api/system/data/dimensiondata/getAgents").then().statusCode(403);
        // A dimension action is not a conversationdata resource.
        post(agent(), "getAgents", "{ getAgents { edges { cursor } } }").statusCode(200);
        agent().body(Map.of("query", "{ getAgents { edges { cursor } } }"))
                .post("/api/partners/" + PARTNER + "/data/conversationdata/getAgents").then().statusCode(404);
    }
}
