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
import static io.switchboard.interaction.directory.DirectoryFixtures.newAgent;
import static io.switchboard.interaction.directory.DirectoryFixtures.newPartner;
import static io.switchboard.interaction.directory.DirectoryFixtures.newTeam;
import static io.switchboard.interaction.directory.DirectoryFixtures.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class TeamApiTest {
    @Inject
    Pool pool;

    @Test
    void aTeamTreeIsBuiltFromParents() {
        String partner = newPartner();
        String token = admin(partner);
        int us = newTeam(token, "US", null);

        var created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"East\", \"parent_id\": " + us + "}")
                .when().post(BASE + "/teams")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("id", "name", "parent_id", "deleted", "active", "agents_count",
                        "assignees", "created_at", "updated_at"))
                .body("name", equalTo("East"), "parent_id", equalTo(us), "deleted", equalTo(false), "active", equalTo(true),
                        "agents_count", equalTo(0), "assignees", equalTo(List.of()))
                .extract();
        int east = created.path("id");
        assertThat(created.header("Location")).endsWith(BASE + "/teams/" + east);

        List<Stored> stored = events(pool, "team-" + east);
        assertThat(stored).extracting(Stored::type).containsExactly("TeamCreated");
        assertThat(stored.get(0).streamType()).isEqualTo("team");
        assertThat(stored.get(0).data().getLong("parentId")).isEqualTo(us);
    }

    @Test
    void cyclesAndUnknownParentsAreRefusedNamingParentId() {
        String partner = newPartner();
        String token = admin(partner);
        int us = newTeam(token, "US", null);
        int east = newTeam(token, "East", us);
        int boston = newTeam(token, "Boston", east);
        int foreign = newTeam(admin(newPartner()), "Elsewhere", null);

        expectInvalidPatch(token, us, "{\"parent_id\": " + boston + "}", "parent_id");
        expectInvalidPatch(token, us, "{\"parent_id\": " + us + "}", "parent_id");
        expectInvalidPatch(token, us, "{\"parent_id\": " + foreign + "}", "parent_id");
        expectInvalidPatch(token, us, "{\"name\": \"\"}", "name");
        expectInvalidPatch(token, us, "{\"parent_id\": \"x\"}", "parent_id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"West\", \"parent_id\": 99999999}")
                .when().post(BASE + "/teams").then().statusCode(400).body("errors.field", equalTo(List.of("parent_id")));
        assertThat(eventTypes(pool, "team-" + us)).containsExactly("TeamCreated");
    }

    @Test
    void movingATeamRecordsTheChange() {
        String partner = newPartner();
        String token = admin(partner);
        int us = newTeam(token, "US", null);
        int west = newTeam(token, "West", null);

        given().auth().oauth2(supervisor(partner, 5)).contentType(ContentType.JSON)
                .body("{\"name\": \"West Coast\", \"parent_id\": " + us + "}")
                .when().patch(BASE + "/teams/" + west)
                .then().statusCode(200).body("name", equalTo("West Coast"), "parent_id", equalTo(us));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"parent_id\": null}")
                .when().patch(BASE + "/teams/" + west).then().statusCode(200).body("parent_id", nullValue());

        List<Stored> stored = events(pool, "team-" + west);
        assertThat(stored).extracting(Stored::type).containsExactly("TeamCreated", "TeamUpdated", "TeamUpdated");
        assertThat(stored.get(1).data().getLong("changedByUserId")).isEqualTo(5L);
        // The event codec leaves null values out: a former value that was unset is absent.
        assertThat(stored.get(1).data().getJsonArray("changes").encode()).isEqualTo(
                "[{\"field\":\"name\",\"former\":\"West\",\"current\":\"West Coast\"},"
                        + "{\"field\":\"parent_id\",\"current\":\"" + us + "\"}]");
    }

    @Test
    void assigneesAreAddedAndRemovedThroughTheAgentsStream() {
        String partner = newPartner();
        String token = admin(partner);
        int east = newTeam(token, "East", null);
        int ann = newAgent(token, "Ann", east);
        int bob = newAgent(token, "Bob");

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"agent_id\": " + bob + "}")
                .when().post(BASE + "/teams/" + east + "/assignees")
                .then().statusCode(200)
                .body("agents_count", equalTo(2), "assignees.id", equalTo(List.of(ann, bob)),
                        "assignees[1].keySet()", containsInAnyOrder("id", "name", "first_name", "last_name", "agent_number", "avatar_url"),
                        "assignees[1].name", equalTo("Bob Lee"), "assignees[1].agent_number", nullValue());
        // Adding a member again changes nothing.
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"agent_id\": " + bob + "}")
                .when().post(BASE + "/teams/" + east + "/assignees").then().statusCode(200).body("agents_count", equalTo(2));
        given().auth().oauth2(token).when().delete(BASE + "/teams/" + east + "/assignees/" + ann)
                .then().statusCode(200).body("assignees.id", equalTo(List.of(bob)));
        given().auth().oauth2(token).when().delete(BASE + "/teams/" + east + "/assignees/" + ann)
                .then().statusCode(404).contentType(PROBLEM);

        assertThat(eventTypes(pool, "agent-" + bob)).containsExactly("AgentCreated", "AgentUpdated", "TeamMemberAdded");
        assertThat(eventTypes(pool, "agent-" + ann)).containsExactly("AgentCreated", "TeamMemberAdded", "AgentUpdated",
                "TeamMemberRemoved");
    }

    @Test
    void assigneeRequestsAreValidated() {
        String partner = newPartner();
        String token = admin(partner);
        int east = newTeam(token, "East", null);
        int foreignAgent = newAgent(admin(newPartner()), "Zed");

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .when().post(BASE + "/teams/" + east + "/assignees").then().statusCode(400).body("errors.field", equalTo(List.of("agent_id")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"agent_id\": " + foreignAgent + "}")
                .when().post(BASE + "/teams/" + east + "/assignees").then().statusCode(400).body("errors.field", equalTo(List.of("agent_id")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"agent_id\": " + foreignAgent + "}")
                .when().post(BASE + "/teams/99999999/assignees").then().statusCode(404);
        assertThat(eventTypes(pool, "agent-" + foreignAgent)).containsExactly("AgentCreated");
    }

    @Test
    void deleteDeactivatesAndADeactivatedTeamTakesNoChangesOrMembers() {
        String partner = newPartner();
        String token = admin(partner);
        int east = newTeam(token, "East", null);
        int ann = newAgent(token, "Ann");

        given().auth().oauth2(token).when().delete(BASE + "/teams/" + east)
                .then().statusCode(200).body("deleted", equalTo(true), "active", equalTo(false));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"X\"}")
                .when().patch(BASE + "/teams/" + east).then().statusCode(409).body("detail", containsString("inactive"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"agent_id\": " + ann + "}")
                .when().post(BASE + "/teams/" + east + "/assignees").then().statusCode(409);
        // A deactivated team is no longer a team agents can be put in.
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"teams\": [" + east + "]}")
                .when().patch(BASE + "/agents/" + ann).then().statusCode(400).body("errors.field", equalTo(List.of("teams[0].id")));
        assertThat(eventTypes(pool, "team-" + east)).containsExactly("TeamCreated", "TeamDeactivated");
    }

    @Test
    void rolesTokensAndPartnersAreEnforced() {
        String partner = newPartner();
        int east = newTeam(admin(partner), "East", null);
        given().contentType(ContentType.JSON).body("{\"name\": \"X\"}").when().post(BASE + "/teams").then().statusCode(401);
        given().auth().oauth2(TestTokens.bearer(partner, "agent")).contentType(ContentType.JSON).body("{\"name\": \"X\"}")
                .when().post(BASE + "/teams").then().statusCode(403);
        given().auth().oauth2(TestTokens.bearer(partner, "agent")).when().delete(BASE + "/teams/" + east + "/assignees/1")
                .then().statusCode(403);
        String stranger = admin(newPartner());
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{\"name\": \"X\"}")
                .when().patch(BASE + "/teams/" + east).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(stranger).when().delete(BASE + "/teams/" + east).then().statusCode(404);
        assertThat(eventTypes(pool, "team-" + east)).containsExactly("TeamCreated");
    }

    private static void expectInvalidPatch(String token, int team, String body, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().patch(BASE + "/teams/" + team)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of(field)));
    }
}
