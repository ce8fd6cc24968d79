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
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class AgentApiTest {
    private static final String MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @Inject
    Pool pool;

    @Test
    void theCreatedAgentHasTheManagerApiShape() {
        String partner = newPartner();
        String token = admin(partner);
        int east = newTeam(token, "East", null);

        var response = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("""
                        {"first_name": "Ann", "last_name": "Lee", "email": "ann@example.com",
                         "avatar_url": "https://cdn.example.com/ann.png", "roles": ["agent", "enhanced-agent"],
                         "teams": [{"id": %d}]}""".formatted(east))
                .when().post(BASE + "/agents")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("id", "name", "first_name", "last_name", "email", "avatar_url",
                        "roles", "teams", "active", "created_at", "updated_at"))
                .body("name", equalTo("Ann Lee"), "first_name", equalTo("Ann"), "last_name", equalTo("Lee"),
                        "email", equalTo("ann@example.com"), "avatar_url", equalTo("https://cdn.example.com/ann.png"),
                        "roles", equalTo(List.of("agent", "enhanced-agent")), "active", equalTo(true),
                        "teams.size()", equalTo(1), "teams[0].id", equalTo(east), "teams[0].name", equalTo("East"),
                        "teams[0].parent_id", nullValue(), "teams[0].deleted", equalTo(false),
                        "created_at", matchesPattern(MILLIS), "updated_at", matchesPattern(MILLIS))
                .extract();
        int id = response.path("id");
        assertThat(response.header("Location")).endsWith(BASE + "/agents/" + id);

        List<Stored> stored = events(pool, "agent-" + id);
        assertThat(stored).extracting(Stored::type).containsExactly("AgentCreated", "TeamMemberAdded");
        assertThat(stored).allSatisfy(e -> {
            assertThat(e.streamType()).isEqualTo("agent");
            assertThat(e.partnerId()).isEqualTo(partner);
        });
        assertThat(stored.get(0).data().getString("email")).isEqualTo("ann@example.com");
        assertThat(stored.get(1).data().getLong("teamId")).isEqualTo(east);
    }

    @Test
    void invalidFieldsAreProblemsNamingTheField() {
        String partner = newPartner();
        String token = admin(partner);
        int foreignTeam = newTeam(admin(newPartner()), "Elsewhere", null);

        expectInvalid(token, "{\"last_name\": \"Lee\", \"email\": \"a@example.com\"}", "first_name");
        expectInvalid(token, "{\"first_name\": \"A\", \"last_name\": \"Lee\", \"email\": \"nope\"}", "email");
        expectInvalid(token, "{\"first_name\": 5, \"last_name\": \"Lee\", \"email\": \"a@example.com\"}", "first_name");
        expectInvalid(token, "{\"first_name\": \"A\", \"last_name\": \"Lee\", \"email\": \"a@example.com\", \"roles\": [\"god\"]}", "roles[0]");
        expectInvalid(token, "{\"first_name\": \"A\", \"last_name\": \"Lee\", \"email\": \"a@example.com\", \"teams\": [{\"id\": 999999}]}", "teams[0].id");
        // Another partner's team is as unknown as one that never existed.
        expectInvalid(token, "{\"first_name\": \"A\", \"last_name\": \"Lee\", \"email\": \"a@example.com\", \"teams\": [" + foreignTeam + "]}", "teams[0].id");
        expectInvalid(token, "[1, 2]", "body");
    }

    @Test
    void onlyAdminsAndSupervisorsWriteAndEveryCallerNeedsAToken() {
        String partner = newPartner();
        String body = "{\"first_name\": \"A\", \"last_name\": \"Lee\", \"email\": \"a@example.com\"}";
        given().contentType(ContentType.JSON).body(body).when().post(BASE + "/agents")
                .then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.bearer(partner, "agent")).contentType(ContentType.JSON).body(body)
                .when().post(BASE + "/agents").then().statusCode(403).contentType(PROBLEM);
        int id = newAgent(admin(partner), "Ann");
        given().auth().oauth2(TestTokens.bearer(partner, "enhanced-agent")).contentType(ContentType.JSON).body("{\"name\": \"X\"}")
                .when().patch(BASE + "/agents/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.bearer(partner, "agent")).when().delete(BASE + "/agents/" + id).then().statusCode(403);
        given().when().delete(BASE + "/agents/" + id).then().statusCode(401);
        given().auth().oauth2(supervisor(partner, 42)).contentType(ContentType.JSON).body(body)
                .when().post(BASE + "/agents").then().statusCode(201);
    }

    @Test
    void anUpdateAnswersTheAgentAndRecordsEachChangeWithWhoMadeIt() {
        String partner = newPartner();
        String token = admin(partner);
        int east = newTeam(token, "East", null);
        int west = newTeam(token, "West", null);
        int id = newAgent(token, "Ann", east);

        given().auth().oauth2(supervisor(partner, 42)).contentType(ContentType.JSON)
                .body("{\"email\": \"ann.lee@example.com\", \"avatar_url\": null, \"teams\": [" + west + "], \"unknown\": 1}")
                .when().patch(BASE + "/agents/" + id)
                .then().statusCode(200)
                .body("email", equalTo("ann.lee@example.com"), "first_name", equalTo("Ann"),
                        "teams.id", equalTo(List.of(west)), "teams[0].name", equalTo("West"));

        List<Stored> stored = events(pool, "agent-" + id);
        assertThat(stored).extracting(Stored::type).containsExactly("AgentCreated", "TeamMemberAdded", "AgentUpdated",
                "TeamMemberRemoved", "TeamMemberAdded");
        var updated = stored.get(2).data();
        assertThat(updated.getLong("changedByUserId")).isEqualTo(42L);
        assertThat(updated.getJsonArray("changes").encode()).isEqualTo(
                "[{\"field\":\"email\",\"former\":\"ann@example.com\",\"current\":\"ann.lee@example.com\"},"
                        + "{\"field\":\"teams\",\"former\":\"[" + east + "]\",\"current\":\"[" + west + "]\"}]");
        assertThat(stored.get(3).data().getLong("teamId")).isEqualTo(east);
        assertThat(stored.get(4).data().getLong("teamId")).isEqualTo(west);
    }

    @Test
    void aNonNumericSubjectRecordsNoUser() {
        String partner = newPartner();
        int id = newAgent(admin(partner), "Ann");
        given().auth().oauth2(admin(partner)).contentType(ContentType.JSON).body("{\"last_name\": \"Long\"}")
                .when().patch(BASE + "/agents/" + id).then().statusCode(200).body("last_name", equalTo("Long"));
        Stored updated = events(pool, "agent-" + id).get(1);
        assertThat(updated.type()).isEqualTo("AgentUpdated");
        assertThat(updated.data().getValue("changedByUserId")).isNull();
    }

    @Test
    void anUpdateThatChangesNothingWritesNothing() {
        String partner = newPartner();
        int id = newAgent(admin(partner), "Ann");
        given().auth().oauth2(admin(partner)).contentType(ContentType.JSON).body("{\"first_name\": \"Ann\"}")
                .when().patch(BASE + "/agents/" + id).then().statusCode(200);
        assertThat(eventTypes(pool, "agent-" + id)).containsExactly("AgentCreated");
    }

    @Test
    void anotherPartnersAgentOrAnUnknownIdIsNotFound() {
        int id = newAgent(admin(newPartner()), "Ann");
        String stranger = admin(newPartner());
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{\"first_name\": \"Bob\"}")
                .when().patch(BASE + "/agents/" + id).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(stranger).when().delete(BASE + "/agents/" + id).then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{\"first_name\": \"Bob\"}")
                .when().patch(BASE + "/agents/987654321").then().statusCode(404)
                .body("detail", containsString("agent 987654321 not found"));
        assertThat(eventTypes(pool, "agent-" + id)).containsExactly("AgentCreated");
    }

    @Test
    void deleteDeactivatesAndADeactivatedAgentCannotBeChanged() {
        String partner = newPartner();
        String token = supervisor(partner, 7);
        int id = newAgent(token, "Ann");

        given().auth().oauth2(token).when().delete(BASE + "/agents/" + id)
                .then().statusCode(200).body("id", equalTo(id), "active", equalTo(false), "name", equalTo("Ann Lee"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"first_name\": \"Bob\"}")
                .when().patch(BASE + "/agents/" + id)
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("inactive"));
        given().auth().oauth2(token).when().delete(BASE + "/agents/" + id).then().statusCode(409);

        List<Stored> stored = events(pool, "agent-" + id);
        assertThat(stored).extracting(Stored::type).containsExactly("AgentCreated", "AgentDeactivated");
        assertThat(stored.get(1).data().getLong("changedByUserId")).isEqualTo(7L);
    }

    private static void expectInvalid(String token, String body, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(BASE + "/agents")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of(field)));
    }
}
