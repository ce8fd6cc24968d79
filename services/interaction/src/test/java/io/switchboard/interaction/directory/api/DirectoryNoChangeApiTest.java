package io.switchboard.interaction.directory.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.directory.DirectoryFixtures.BASE;
import static io.switchboard.interaction.directory.DirectoryFixtures.admin;
import static io.switchboard.interaction.directory.DirectoryFixtures.eventTypes;
import static io.switchboard.interaction.directory.DirectoryFixtures.newAgent;
import static io.switchboard.interaction.directory.DirectoryFixtures.newPartner;
import static io.switchboard.interaction.directory.DirectoryFixtures.newTeam;
import static io.switchboard.interaction.directory.DirectoryFixtures.newVirtualAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A directory PATCH that sends back what the entity already is answers 200 with it and writes nothing. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class DirectoryNoChangeApiTest {
    @Inject
    Pool pool;

    private static void patch(String token, String path, String body) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().patch(BASE + path)
                .then().statusCode(200);
    }

    @Test
    void resendingAnEntityAsItIsWritesNothing() {
        String partner = newPartner();
        String token = admin(partner);
        int team = newTeam(token, "Support", null);
        int agent = newAgent(token, "Ann", team);
        int bot = newVirtualAgent(token, "Botty");
        int menu = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"Help\", \"channel\": \"chat\", \"team_assignments\": [{\"team_id\": " + team
                        + "}], \"virtual_agent_id\": " + bot + "}")
                .when().post(BASE + "/menus").then().statusCode(201).extract().path("id");

        for (int i = 0; i < 2; i++) {
            patch(token, "/teams/" + team, "{\"name\": \"Support\", \"parent_id\": null}");
            patch(token, "/agents/" + agent, "{\"first_name\": \"Ann\", \"last_name\": \"Lee\", \"email\": \"ann@example.com\", "
                    + "\"teams\": [{\"id\": " + team + "}]}");
            patch(token, "/virtual_agents/" + bot, "{\"name\": \"Botty\"}");
            patch(token, "/menus/" + menu, "{\"name\": \"Help\", \"channel\": \"chat\", \"team_assignments\": [{\"team_id\": "
                    + team + "}], \"virtual_agent_id\": " + bot + "}");
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"Help\"}")
                .when().patch(BASE + "/menus/" + menu).then().statusCode(200).body("id", equalTo(menu), "name", equalTo("Help"));

        assertThat(eventTypes(pool, "team-" + team)).containsExactly("TeamCreated");
        assertThat(eventTypes(pool, "agent-" + agent)).containsExactly("AgentCreated", "TeamMemberAdded");
        assertThat(eventTypes(pool, "virtual_agent-" + bot)).containsExactly("VirtualAgentCreated");
        assertThat(eventTypes(pool, "menu-" + menu)).containsExactly("MenuCreated");
    }
}
