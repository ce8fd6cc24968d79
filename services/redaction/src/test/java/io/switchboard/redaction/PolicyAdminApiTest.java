package io.switchboard.redaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.redaction.RedactionFixtures.Chat;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.switchboard.redaction.RedactionFixtures.PROBLEM;
import static io.switchboard.redaction.RedactionFixtures.as;
import static io.switchboard.redaction.RedactionFixtures.awaitRedacted;
import static io.switchboard.redaction.RedactionFixtures.session;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** The partner admin's policy, custom entities and intents: CRUD, validation, limits, isolation, and effect. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "redaction"))
@WithTestResource(KafkaTestResource.class)
class PolicyAdminApiTest {
    private static final String ADMIN = "/redaction/api/v1/admin";
    private static final String UMBRELLA_ADMIN = TestTokens.bearer("umbrella", "admin");
    private static final String WAYNE_ADMIN = TestTokens.bearer("wayne", "admin");

    @Inject
    Pool pool;

    private static RequestSpecification admin(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    @Test
    void thePolicyDefaultsToEveryTypeAndCanBeNarrowed() {
        String token = TestTokens.bearer("cyberdyne", "admin");
        admin(token).get(ADMIN + "/policy").then().statusCode(200)
                .body("redacted_types", contains("GPE", "DATE", "TIME", "ORG", "NAME", "MONEY", "EMAIL", "NUMERIC", "ID"))
                .body("mask_style", equalTo("label"))
                .body("available_types", hasSize(9));
        admin(token).body("{\"redacted_types\": [\"NUMERIC\", \"EMAIL\", \"EMAIL\"], \"mask_style\": \"stars\"}")
                .put(ADMIN + "/policy").then().statusCode(200)
                .body("redacted_types", contains("EMAIL", "NUMERIC")).body("mask_style", equalTo("stars"));
        admin(token).get(ADMIN + "/policy").then().statusCode(200).body("redacted_types", contains("EMAIL", "NUMERIC"));
        admin(token).body("{\"redacted_types\": [\"EMAIL\", \"SSN\"]}").put(ADMIN + "/policy").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("redacted_types[1]"));
        admin(token).body("{\"redacted_types\": [], \"mask_style\": \"glitter\"}").put(ADMIN + "/policy").then()
                .statusCode(400).body("errors[0].field", equalTo("mask_style"));
        admin(token).body("{\"mask_style\": \"label\"}").put(ADMIN + "/policy").then()
                .statusCode(400).body("errors[0].field", equalTo("redacted_types"));
        admin(TestTokens.bearer("cyberdyne", "supervisor")).get(ADMIN + "/policy").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void thePartnersLanguagesDefaultToTheServicesAndAreChecked() {
        String token = TestTokens.bearer("tyrell", "admin");
        admin(token).get(ADMIN + "/policy").then().statusCode(200)
                .body("languages", contains("en", "es", "fr", "de", "it", "pt", "nl"));
        admin(token).body("{\"redacted_types\": [\"EMAIL\"], \"languages\": [\" FR\", \"de\", \"fr\"]}")
                .put(ADMIN + "/policy").then().statusCode(200).body("languages", contains("fr", "de"));
        admin(token).get(ADMIN + "/policy").then().statusCode(200).body("languages", contains("fr", "de"))
                .body("redacted_types", contains("EMAIL"));
        // Refused, nothing written: none, an unknown code, a code the detector has no model for, too many.
        Map<String, String> refused = Map.of(
                "{\"redacted_types\": [], \"languages\": []}", "languages",
                "{\"redacted_types\": [], \"languages\": [\"en\", \"xx\"]}", "languages[1]",
                "{\"redacted_types\": [], \"languages\": [\"kl\"]}", "languages[0]",
                "{\"redacted_types\": [], \"languages\": [\"english\"]}", "languages[0]",
                "{\"redacted_types\": [], \"languages\": " + java.util.Collections.nCopies(21, "\"en\"") + "}", "languages",
                "{\"redacted_types\": [], \"languages\": \"en\"}", "languages");
        refused.forEach((body, field) -> admin(token).body(body).put(ADMIN + "/policy").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo(field)));
        admin(token).get(ADMIN + "/policy").then().statusCode(200).body("languages", contains("fr", "de"));
        // Absent: back to the service's default set.
        admin(token).body("{\"redacted_types\": [\"EMAIL\"]}").put(ADMIN + "/policy").then().statusCode(200)
                .body("languages", hasSize(7));
    }

    @Test
    void customEntitiesAreCheckedStoredAndKeptPerPartner() {
        int id = admin(UMBRELLA_ADMIN).body("{\"label\": \"TICKET\", \"regex\": \"T-[0-9]{4}\"}").post(ADMIN + "/custom-entities")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/redaction/api/v1/admin/custom-entities/"))
                .body("label", equalTo("TICKET")).body("kind", equalTo("regex")).extract().path("id");
        admin(UMBRELLA_ADMIN).get(ADMIN + "/custom-entities").then().statusCode(200).body("label", contains("TICKET"));
        admin(UMBRELLA_ADMIN).body("{\"label\": \"TICKET\", \"words\": [\"  Blue   Moon \", \"blue moon\", \"Sky\"]}")
                .put(ADMIN + "/custom-entities/" + id).then().statusCode(200)
                .body("kind", equalTo("words")).body("words", contains("blue moon", "sky"));
        admin(UMBRELLA_ADMIN).get(ADMIN + "/custom-entities/" + id).then().statusCode(200).body("words", hasSize(2));

        // Refused: a built-in or malformed label, both or neither of regex and words, a bad or explosive regex.
        Map<String, String> refused = Map.of(
                "{\"label\": \"EMAIL\", \"regex\": \"x\"}", "label",
                "{\"label\": \"lower\", \"regex\": \"x\"}", "label",
                "{\"label\": \"BOTH\", \"regex\": \"x\", \"words\": [\"y\"]}", "words",
                "{\"label\": \"NEITHER\"}", "regex",
                "{\"label\": \"BROKEN\", \"regex\": \"(unclosed\"}", "regex",
                "{\"label\": \"EVIL\", \"regex\": \"(a|aa)+$\"}", "regex",
                "{\"label\": \"EVIL_TOO\", \"regex\": \"(\\\\w|\\\\d)*!x\"}", "regex",
                "{\"label\": \"BLANK\", \"words\": [\"ok\", \" \"]}", "words[1]",
                "{\"label\": \"EMPTY\", \"words\": []}", "words");
        refused.forEach((body, field) -> admin(UMBRELLA_ADMIN).body(body).post(ADMIN + "/custom-entities").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo(field)));
        admin(UMBRELLA_ADMIN).body("{\"label\": \"TICKET\", \"regex\": \"x\"}").post(ADMIN + "/custom-entities").then()
                .statusCode(409).contentType(PROBLEM).body("errors[0].field", equalTo("label"));

        // Another partner sees, changes and deletes none of it.
        admin(WAYNE_ADMIN).get(ADMIN + "/custom-entities").then().statusCode(200).body("", hasSize(0));
        admin(WAYNE_ADMIN).get(ADMIN + "/custom-entities/" + id).then().statusCode(404).contentType(PROBLEM);
        admin(WAYNE_ADMIN).body("{\"label\": \"MINE\", \"regex\": \"x\"}").put(ADMIN + "/custom-entities/" + id).then().statusCode(404);
        admin(WAYNE_ADMIN).delete(ADMIN + "/custom-entities/" + id).then().statusCode(404);

        admin(UMBRELLA_ADMIN).delete(ADMIN + "/custom-entities/" + id).then().statusCode(204);
        admin(UMBRELLA_ADMIN).get(ADMIN + "/custom-entities/" + id).then().statusCode(404);
        admin(UMBRELLA_ADMIN).delete(ADMIN + "/custom-entities/" + id).then().statusCode(404);
    }

    @Test
    void aPartnerHasAtMostFiftyCustomEntities() {
        String token = TestTokens.bearer("tyrell", "admin");
        for (int i = 0; i < 50; i++) {
            admin(token).body("{\"label\": \"E" + i + "\", \"regex\": \"e" + i + "x\"}").post(ADMIN + "/custom-entities")
                    .then().statusCode(201);
        }
        admin(token).body("{\"label\": \"ONE_TOO_MANY\", \"regex\": \"x\"}").post(ADMIN + "/custom-entities").then()
                .statusCode(409).contentType(PROBLEM).body("errors[0].field", equalTo("label"));
        admin(token).get(ADMIN + "/custom-entities").then().statusCode(200).body("", hasSize(50));
    }

    @Test
    void intentsAreCheckedStoredAndKeptPerPartner() {
        int id = admin(UMBRELLA_ADMIN).body("{\"name\": \"cancel\", \"phrases\": [\"cancel my order\", \" cancel my order \", \"stop it\"]}")
                .post(ADMIN + "/intents").then().statusCode(201)
                .body("name", equalTo("cancel")).body("phrases", contains("cancel my order", "stop it")).extract().path("id");
        admin(UMBRELLA_ADMIN).body("{\"name\": \"cancel\", \"phrases\": [\"x\"]}").post(ADMIN + "/intents").then()
                .statusCode(409).body("errors[0].field", equalTo("name"));
        admin(UMBRELLA_ADMIN).body("{\"name\": \"cancellation\", \"phrases\": [\"please cancel\"]}").put(ADMIN + "/intents/" + id)
                .then().statusCode(200).body("name", equalTo("cancellation")).body("phrases", contains("please cancel"));
        admin(UMBRELLA_ADMIN).get(ADMIN + "/intents").then().statusCode(200).body("name", contains("cancellation"));
        admin(UMBRELLA_ADMIN).body("{\"name\": \"x\", \"phrases\": []}").post(ADMIN + "/intents").then()
                .statusCode(400).body("errors[0].field", equalTo("phrases"));
        admin(UMBRELLA_ADMIN).body("{\"name\": \" \", \"phrases\": [\"a\"]}").post(ADMIN + "/intents").then()
                .statusCode(400).body("errors[0].field", equalTo("name"));
        admin(UMBRELLA_ADMIN).body("{\"name\": \"n\", \"phrases\": [\"" + "p".repeat(501) + "\"]}").post(ADMIN + "/intents").then()
                .statusCode(400).body("errors[0].field", startsWith("phrases"));
        admin(WAYNE_ADMIN).get(ADMIN + "/intents/" + id).then().statusCode(404);
        admin(WAYNE_ADMIN).delete(ADMIN + "/intents/" + id).then().statusCode(404);
        admin(UMBRELLA_ADMIN).delete(ADMIN + "/intents/" + id).then().statusCode(204);
        admin(UMBRELLA_ADMIN).get(ADMIN + "/intents").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void thePipelineRedactsWithThePartnersSetup() {
        String token = TestTokens.bearer("stark", "admin");
        admin(token).body("{\"redacted_types\": [\"EMAIL\"]}").put(ADMIN + "/policy").then().statusCode(200);
        admin(token).body("{\"label\": \"CODENAME\", \"words\": [\"Mark Seven\"]}").post(ADMIN + "/custom-entities").then().statusCode(201);
        admin(token).body("{\"name\": \"armor\", \"phrases\": [\"the suit needs repair\"]}").post(ADMIN + "/intents").then().statusCode(201);
        Chat chat = Chat.of("stark");
        chat.fromCustomer("the Mark Seven suit needs repair, order 123456, mail pepper@stark.example");
        awaitRedacted(pool, chat);
        as(TestTokens.bearer("stark", "supervisor")).queryParam("customersessionid", chat.id).get(session("stark")).then()
                .statusCode(200)
                .body("[0].messages[0].text", equalTo("the ****CODENAME**** suit needs repair, order 123456, mail ****EMAIL****"))
                .body("[0].messages[0].topic", equalTo("armor"))
                .body("[0].messages[0].topmatches", hasSize(1))
                .body("[0].messages[0].topmatches[0].phrase", equalTo("the suit needs repair"));
    }
}
