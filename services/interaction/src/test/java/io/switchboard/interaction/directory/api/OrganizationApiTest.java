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
import static io.switchboard.interaction.directory.DirectoryFixtures.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The partner's organization settings: written here by its admin, read through reporting. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class OrganizationApiTest {
    private static final String PATH = BASE + "/settings/organization";

    @Inject
    Pool pool;

    @Test
    void theAdminSetsTheSettingsAndOneEventRecordsThem() {
        String partner = newPartner();
        given().auth().oauth2(admin(partner)).contentType(ContentType.JSON)
                .body("{\"name\": \"Acme Corp\", \"time_zone\": \"America/New_York\"}")
                .when().put(PATH)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("id", "name", "subdomain", "time_zone", "language", "updated_at"))
                .body("id", equalTo(partner), "subdomain", equalTo(partner), "name", equalTo("Acme Corp"),
                        "time_zone", equalTo("America/New_York"), "language", equalTo("en"), "updated_at", notNullValue());

        List<Stored> stored = events(pool, "organization-" + partner);
        assertThat(stored).extracting(Stored::type).containsExactly("OrganizationUpdated");
        assertThat(stored.get(0).streamType()).isEqualTo("organization");
        assertThat(stored.get(0).partnerId()).isEqualTo(partner);
        assertThat(stored.get(0).data().getString("timeZone")).isEqualTo("America/New_York");

        // Fields left out keep their value; the same settings again write nothing.
        given().auth().oauth2(admin(partner)).contentType(ContentType.JSON).body("{\"language\": \"en-US\"}")
                .when().put(PATH)
                .then().statusCode(200).body("name", equalTo("Acme Corp"), "language", equalTo("en-US"));
        given().auth().oauth2(admin(partner)).contentType(ContentType.JSON)
                .body("{\"name\": \"Acme Corp\", \"time_zone\": \"America/New_York\", \"language\": \"en-US\"}")
                .when().put(PATH).then().statusCode(200);
        assertThat(eventTypes(pool, "organization-" + partner)).containsExactly("OrganizationUpdated", "OrganizationUpdated");
    }

    @Test
    void invalidSettingsAre400NamingTheFieldAndWriteNothing() {
        String partner = newPartner();
        for (String body : new String[]{"{\"time_zone\": \"Mars/Olympus\"}", "{\"name\": \"\"}", "{\"language\": 42}",
                "{\"name\": null}", "[]"}) {
            given().auth().oauth2(admin(partner)).contentType(ContentType.JSON).body(body)
                    .when().put(PATH)
                    .then().statusCode(400).contentType(PROBLEM);
        }
        given().auth().oauth2(admin(partner)).contentType(ContentType.JSON).body("{\"time_zone\": \"Mars/Olympus\"}")
                .when().put(PATH).then().body("errors[0].field", equalTo("time_zone"));
        assertThat(eventTypes(pool, "organization-" + partner)).isEmpty();
    }

    @Test
    void onlyTheAdminChangesTheSettings() {
        String partner = newPartner();
        given().auth().oauth2(supervisor(partner, 5)).contentType(ContentType.JSON).body("{\"name\": \"X\"}")
                .when().put(PATH).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.bearer(partner, "agent")).contentType(ContentType.JSON).body("{\"name\": \"X\"}")
                .when().put(PATH).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"name\": \"X\"}").when().put(PATH).then().statusCode(401);
        assertThat(eventTypes(pool, "organization-" + partner)).isEmpty();
    }

    @Test
    void eachPartnerHasItsOwnSettings() {
        String acme = newPartner();
        String globex = newPartner();
        given().auth().oauth2(admin(acme)).contentType(ContentType.JSON).body("{\"name\": \"Acme\"}")
                .when().put(PATH).then().statusCode(200);
        given().auth().oauth2(admin(globex)).contentType(ContentType.JSON).body("{\"time_zone\": \"Asia/Tokyo\"}")
                .when().put(PATH).then().statusCode(200).body("name", equalTo(globex), "time_zone", equalTo("Asia/Tokyo"));
        assertThat(events(pool, "organization-" + globex)).extracting(Stored::partnerId).containsExactly(globex);
    }
}
