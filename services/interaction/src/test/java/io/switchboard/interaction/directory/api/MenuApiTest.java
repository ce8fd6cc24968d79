package io.switchboard.interaction.directory.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.interaction.directory.DirectoryFixtures.Stored;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.directory.DirectoryFixtures.BASE;
import static io.switchboard.interaction.directory.DirectoryFixtures.PROBLEM;
import static io.switchboard.interaction.directory.DirectoryFixtures.admin;
import static io.switchboard.interaction.directory.DirectoryFixtures.eventTypes;
import static io.switchboard.interaction.directory.DirectoryFixtures.events;
import static io.switchboard.interaction.directory.DirectoryFixtures.newPartner;
import static io.switchboard.interaction.directory.DirectoryFixtures.newTeam;
import static io.switchboard.interaction.directory.DirectoryFixtures.newVirtualAgent;
import static io.switchboard.interaction.directory.DirectoryFixtures.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Menus and the virtual agents they can hand chats to. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class MenuApiTest {
    @Inject
    Pool pool;

    @Test
    void aMenuIsCreatedWithTheTeamsThatServeItAndAVirtualAgent() {
        String partner = newPartner();
        String token = admin(partner);
        int support = newTeam(token, "Support", null);
        int bot = newVirtualAgent(token, "Helper");

        var created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"Web help\", \"channel\": \"chat\", \"team_assignments\": [{\"team\": {\"id\": " + support
                        + "}}], \"virtual_agent_id\": " + bot + "}")
                .when().post(BASE + "/menus")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("id", "name", "channel", "menu_type", "parent_id", "deleted", "active",
                        "team_assignments", "virtual_agent_id", "created_at", "updated_at"))
                .body("name", equalTo("Web help"), "channel", equalTo("chat"), "menu_type", equalTo("web_menu"),
                        "parent_id", nullValue(), "deleted", equalTo(false), "active", equalTo(true),
                        "virtual_agent_id", equalTo(bot), "team_assignments.size()", equalTo(1),
                        "team_assignments[0].channel_type", equalTo("chat"), "team_assignments[0].team.id", equalTo(support),
                        "team_assignments[0].team.name", equalTo("Support"))
                .extract();
        int menu = created.path("id");
        assertThat(created.header("Location")).endsWith(BASE + "/menus/" + menu);

        List<Stored> stored = events(pool, "menu-" + menu);
        assertThat(stored).extracting(Stored::type).containsExactly("MenuCreated");
        assertThat(stored.get(0).streamType()).isEqualTo("menu");
        assertThat(stored.get(0).data().getJsonArray("teamIds").getList()).containsExactly(support);
    }

    @Test
    void anUpdateCarriesTheMenuAfterTheChange() {
        String partner = newPartner();
        String token = admin(partner);
        int a = newTeam(token, "A", null);
        int b = newTeam(token, "B", null);
        int menu = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"Sales\", \"channel\": \"voice\", \"team_assignments\": [{\"team_id\": " + a + "}]}")
                .when().post(BASE + "/menus").then().statusCode(201).body("menu_type", equalTo("ivr_menu")).extract().path("id");

        given().auth().oauth2(supervisor(partner, 9)).contentType(ContentType.JSON)
                .body("{\"name\": \"Sales line\", \"team_assignments\": [{\"team\": {\"id\": " + b + "}}]}")
                .when().patch(BASE + "/menus/" + menu)
                .then().statusCode(200).body("name", equalTo("Sales line"), "team_assignments.team.id", equalTo(List.of(b)),
                        "team_assignments[0].channel_type", equalTo("voice_call"));

        var updated = events(pool, "menu-" + menu).get(1);
        assertThat(updated.type()).isEqualTo("MenuUpdated");
        assertThat(updated.data().getString("name")).isEqualTo("Sales line");
        assertThat(updated.data().getString("channel")).isEqualTo("voice");
        assertThat(updated.data().getJsonArray("teamIds").getList()).containsExactly(b);
        assertThat(updated.data().getLong("changedByUserId")).isEqualTo(9L);
        assertThat(updated.data().getJsonArray("changes").encode()).isEqualTo(
                "[{\"field\":\"name\",\"former\":\"Sales\",\"current\":\"Sales line\"},"
                        + "{\"field\":\"teams\",\"former\":\"[" + a + "]\",\"current\":\"[" + b + "]\"}]");
    }

    @Test
    void invalidMenusAreProblemsNamingTheField() {
        String partner = newPartner();
        String token = admin(partner);
        int foreignTeam = newTeam(admin(newPartner()), "Elsewhere", null);
        expectInvalid(token, "{\"channel\": \"voice\"}", "name");
        expectInvalid(token, "{\"name\": \"M\", \"channel\": \"fax\"}", "channel");
        expectInvalid(token, "{\"name\": \"M\", \"channel\": \"voice\", \"menu_type\": \"sms\"}", "menu_type");
        expectInvalid(token, "{\"name\": \"M\", \"channel\": \"voice\", \"team_assignments\": [{\"team\": {\"id\": " + foreignTeam + "}}]}",
                "team_assignments[0].team.id");
        expectInvalid(token, "{\"name\": \"M\", \"channel\": \"voice\", \"virtual_agent_id\": 99999999}", "virtual_agent_id");
        expectInvalid(token, "{\"name\": \"M\", \"channel\": \"voice\", \"parent_id\": 99999999}", "parent_id");
    }

    @Test
    void deleteDeactivatesAndPartnersAndRolesAreEnforced() {
        String partner = newPartner();
        String token = admin(partner);
        int menu = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"M\", \"channel\": \"voice\"}")
                .when().post(BASE + "/menus").then().statusCode(201).extract().path("id");

        given().when().delete(BASE + "/menus/" + menu).then().statusCode(401);
        given().auth().oauth2(TestTokens.bearer(partner, "agent")).when().delete(BASE + "/menus/" + menu).then().statusCode(403);
        given().auth().oauth2(admin(newPartner())).when().delete(BASE + "/menus/" + menu).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(token).when().delete(BASE + "/menus/" + menu)
                .then().statusCode(200).body("deleted", equalTo(true), "active", equalTo(false));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"N\"}")
                .when().patch(BASE + "/menus/" + menu).then().statusCode(409).body("detail", containsString("inactive"));
        assertThat(eventTypes(pool, "menu-" + menu)).containsExactly("MenuCreated", "MenuDeactivated");
    }

    @Test
    void virtualAgentsAreCreatedRenamedAndDeactivated() {
        String partner = newPartner();
        String token = admin(partner);
        var created = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"Helper\"}")
                .when().post(BASE + "/virtual_agents")
                .then().statusCode(201)
                .body("keySet()", containsInAnyOrder("id", "name", "avatar_url", "deleted", "active", "created_at", "updated_at"))
                .body("name", equalTo("Helper"), "avatar_url", nullValue(), "active", equalTo(true))
                .extract();
        int bot = created.path("id");
        assertThat(created.header("Location")).endsWith(BASE + "/virtual_agents/" + bot);

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"\"}")
                .when().patch(BASE + "/virtual_agents/" + bot).then().statusCode(400).body("errors.field", equalTo(List.of("name")));
        given().auth().oauth2(supervisor(partner, 3)).contentType(ContentType.JSON).body("{\"name\": \"Helpbot\"}")
                .when().patch(BASE + "/virtual_agents/" + bot).then().statusCode(200).body("name", equalTo("Helpbot"));
        given().auth().oauth2(admin(newPartner())).contentType(ContentType.JSON).body("{\"name\": \"X\"}")
                .when().patch(BASE + "/virtual_agents/" + bot).then().statusCode(404);
        given().auth().oauth2(TestTokens.bearer(partner, "enhanced-agent")).contentType(ContentType.JSON).body("{\"name\": \"X\"}")
                .when().post(BASE + "/virtual_agents").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"name\": \"X\"}").when().post(BASE + "/virtual_agents").then().statusCode(401);
        given().auth().oauth2(token).when().delete(BASE + "/virtual_agents/" + bot)
                .then().statusCode(200).body("active", equalTo(false), "deleted", equalTo(true));
        // A deactivated virtual agent cannot be given to a menu.
        expectInvalid(token, "{\"name\": \"M\", \"channel\": \"chat\", \"virtual_agent_id\": " + bot + "}", "virtual_agent_id");

        List<Stored> stored = events(pool, "virtual_agent-" + bot);
        assertThat(stored).extracting(Stored::type).containsExactly("VirtualAgentCreated", "VirtualAgentUpdated",
                "VirtualAgentDeactivated");
        assertThat(stored).allSatisfy(e -> assertThat(e.streamType()).isEqualTo("virtual_agent"));
        assertThat(stored.get(1).data().getLong("changedByUserId")).isEqualTo(3L);
    }

    @Test
    void aVirtualAgentHasAnOptionalAvatarThatCanBeChangedAndCleared() {
        String partner = newPartner();
        String token = admin(partner);
        String avatar = "https://cdn.example.com/bots/helper.png";
        int bot = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"Helper\", \"avatar_url\": \"" + avatar + "\"}")
                .when().post(BASE + "/virtual_agents")
                .then().statusCode(201).body("avatar_url", equalTo(avatar)).extract().path("id");

        String other = "https://cdn.example.com/bots/helper-2.png";
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"avatar_url\": \"" + other + "\"}")
                .when().patch(BASE + "/virtual_agents/" + bot)
                .then().statusCode(200).body("avatar_url", equalTo(other), "name", equalTo("Helper"));
        // Left out: kept.
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"Helpbot\"}")
                .when().patch(BASE + "/virtual_agents/" + bot)
                .then().statusCode(200).body("avatar_url", equalTo(other), "name", equalTo("Helpbot"));
        // null: cleared.
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"avatar_url\": null}")
                .when().patch(BASE + "/virtual_agents/" + bot)
                .then().statusCode(200).body("avatar_url", nullValue());

        List<Stored> stored = events(pool, "virtual_agent-" + bot);
        assertThat(stored).extracting(Stored::type).containsExactly("VirtualAgentCreated", "VirtualAgentUpdated",
                "VirtualAgentUpdated", "VirtualAgentUpdated");
        assertThat(stored.get(0).data().getString("avatarUrl")).isEqualTo(avatar);
        assertThat(stored.get(1).data().getString("avatarUrl")).isEqualTo(other);
        assertThat(stored.get(2).data().getString("avatarUrl")).as("a rename carries the avatar after it").isEqualTo(other);
        assertThat(stored.get(3).data().getString("avatarUrl")).isNull();
    }

    @Test
    void anAvatarTooLongOrNotAnHttpUrlIsRefusedNamingItAndNothingIsWritten() {
        String partner = newPartner();
        String token = admin(partner);
        int bot = newVirtualAgent(token, "Helper");
        String tooLong = "https://cdn.example.com/" + "a".repeat(2_048);
        for (String avatar : List.of(tooLong, "ftp://cdn.example.com/a.png", "not a url", "javascript:alert(1)")) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\": \"Other\", \"avatar_url\": \"" + avatar + "\"}")
                    .when().post(BASE + "/virtual_agents")
                    .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("avatar_url")));
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"avatar_url\": \"" + avatar + "\"}")
                    .when().patch(BASE + "/virtual_agents/" + bot)
                    .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("avatar_url")));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"avatar_url\": 7}")
                .when().patch(BASE + "/virtual_agents/" + bot)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("avatar_url")));

        assertThat(eventTypes(pool, "virtual_agent-" + bot)).containsExactly("VirtualAgentCreated");
        long virtualAgentEvents = pool.preparedQuery(
                        "SELECT count(*) FROM event_store WHERE partner_id = $1 AND stream_type = 'virtual_agent'")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(partner)).await().indefinitely().iterator().next().getLong(0);
        assertThat(virtualAgentEvents).as("only the one created before").isEqualTo(1);
    }

    private static void expectInvalid(String token, String body, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(BASE + "/menus")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of(field)));
    }
}
