package io.switchboard.redaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.switchboard.redaction.RedactionFixtures.PROBLEM;
import static io.switchboard.redaction.RedactionFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** {@code POST /redaction/api/v1/analyze}: its exact shape, with the caller's partner's policy and intents. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "redaction"))
@WithTestResource(KafkaTestResource.class)
class AnalyzeApiTest {
    private static final String ANALYZE = "/redaction/api/v1/analyze";
    /** A partner of this test alone: its policy changes nobody else's results. */
    private static final String INITECH_ADMIN = TestTokens.bearer("initech", "admin");
    private static final String INITECH_AGENT = TestTokens.bearer("initech", "agent");

    @Test
    void theAnswerHasExactlyTheDocumentedShape() {
        String text = "Could you send the invoice to ann@example.com, my card is 4111-1111-1111-1111 and I paid €30";
        int email = text.indexOf("ann@");
        var answer = as(TestTokens.bearer("hooli", "agent")).contentType(ContentType.JSON)
                .body(Map.of("text", text)).post(ANALYZE).then().statusCode(200).contentType(ContentType.JSON)
                .body("redacted_text", equalTo("Could you send the invoice to ****EMAIL****, my card is ****NUMERIC**** and I paid ****MONEY****"))
                .body("entities.type", contains("EMAIL", "NUMERIC", "MONEY"))
                .body("entities[0].start", equalTo(email)).body("entities[0].end", equalTo(email + "ann@example.com".length()))
                // No rated word: neutral. English among the default languages, detected without a hint.
                .body("sentiment", equalTo(0.0f)).body("lang", equalTo("en"))
                .body("topic", nullValue()).body("score", nullValue()).body("topmatches", hasSize(0))
                .extract().jsonPath();
        assertThat(answer.getMap("").keySet())
                .containsExactly("redacted_text", "entities", "sentiment", "lang", "topic", "score", "topmatches");
        assertThat(answer.getMap("entities[0]").keySet()).containsExactly("type", "start", "end", "score");
        List<Map<String, Object>> entities = answer.getList("entities");
        for (Map<String, Object> e : entities) {
            String value = text.substring((Integer) e.get("start"), (Integer) e.get("end"));
            assertThat(value).isIn("ann@example.com", "4111-1111-1111-1111", "€30");
        }
    }

    @Test
    void thePartnersPolicyCustomEntitiesAndIntentsApply() {
        given().auth().oauth2(INITECH_ADMIN).contentType(ContentType.JSON)
                .body("{\"redacted_types\": [\"EMAIL\"], \"mask_style\": \"brackets\"}")
                .put("/redaction/api/v1/admin/policy").then().statusCode(200);
        given().auth().oauth2(INITECH_ADMIN).contentType(ContentType.JSON)
                .body("{\"label\": \"ORDER_NO\", \"regex\": \"ORD-[0-9]{6}\"}")
                .post("/redaction/api/v1/admin/custom-entities").then().statusCode(201);
        given().auth().oauth2(INITECH_ADMIN).contentType(ContentType.JSON)
                .body("{\"label\": \"PROJECT\", \"words\": [\"Blue Falcon\", \"nightjar\"]}")
                .post("/redaction/api/v1/admin/custom-entities").then().statusCode(201);
        given().auth().oauth2(INITECH_ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"refund\", \"phrases\": [\"I want a refund\", \"give me my money back\"]}")
                .post("/redaction/api/v1/admin/intents").then().statusCode(201);
        given().auth().oauth2(INITECH_ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"order_status\", \"phrases\": [\"where is my order\"]}")
                .post("/redaction/api/v1/admin/intents").then().statusCode(201);

        as(INITECH_AGENT).contentType(ContentType.JSON)
                .body(Map.of("text", "I want a refund for ORD-123456 of blue  falcon, call 555 1234, mail x@y.org", "lang", "de"))
                .post(ANALYZE).then().statusCode(200)
                .body("redacted_text", equalTo("I want a refund for [ORDER_NO] of [PROJECT], call 555 1234, mail [EMAIL]"))
                .body("entities.type", contains("ORDER_NO", "PROJECT", "EMAIL"))
                // The hint says German; the text is detected as English.
                .body("lang", equalTo("en"))
                .body("topic", equalTo("refund"))
                .body("score", greaterThanOrEqualTo(0.4f))
                .body("topmatches.intent", contains("refund", "order_status"))
                .body("topmatches[0].phrase", equalTo("I want a refund"))
                .body("topmatches[0].keySet()", contains("intent", "confidence", "phrase"));
        // Another partner's analysis knows nothing of initech's setup: the default policy, where the order
        // reference (letters and digits) is an ID.
        as(TestTokens.bearer("hooli", "agent")).contentType(ContentType.JSON).body(Map.of("text", "ORD-123456 nightjar"))
                .post(ANALYZE).then().statusCode(200).body("redacted_text", equalTo("****ID**** nightjar"))
                .body("topic", nullValue());
    }

    @Test
    void sentimentLanguageAndIntentsAreMeasured() {
        String admin = TestTokens.bearer("soylent", "admin");
        String agent = TestTokens.bearer("soylent", "agent");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"refund\", \"phrases\": [\"I'd like a refund\", \"please refund my order\"]}")
                .post("/redaction/api/v1/admin/intents").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"password_reset\", \"phrases\": [\"I forgot my password\", \"I can't log in\"]}")
                .post("/redaction/api/v1/admin/intents").then().statusCode(201);

        as(agent).contentType(ContentType.JSON).body(Map.of("text", "thanks, that fixed it, you were very helpful"))
                .post(ANALYZE).then().statusCode(200).body("sentiment", greaterThan(0.5f)).body("lang", equalTo("en"));
        as(agent).contentType(ContentType.JSON).body(Map.of("text", "this is the third time I call, useless"))
                .post(ANALYZE).then().statusCode(200).body("sentiment", lessThan(-0.2f)).body("topic", nullValue());
        // A paraphrase: no word of "I'd like a refund", still its intent and phrase.
        var answer = as(agent).contentType(ContentType.JSON).body(Map.of("text", "I want my money back"))
                .post(ANALYZE).then().statusCode(200)
                .body("topic", equalTo("refund")).body("score", greaterThanOrEqualTo(0.4f))
                .body("topmatches.intent", contains("refund", "password_reset"))
                .body("topmatches[0].phrase", equalTo("I'd like a refund"))
                .extract().jsonPath();
        assertThat(answer.getFloat("topmatches[0].confidence")).isEqualTo(answer.getFloat("score"))
                .isGreaterThan(answer.getFloat("topmatches[1].confidence"));
        // Unrelated: no topic, the top matches still listed.
        as(agent).contentType(ContentType.JSON).body(Map.of("text", "what is the capital of France"))
                .post(ANALYZE).then().statusCode(200).body("topic", nullValue()).body("score", nullValue())
                .body("topmatches.size()", greaterThanOrEqualTo(1)).body("topmatches[0].confidence", lessThan(0.4f));
        // Languages: detected among the partner's; a text too short to tell takes the hint.
        as(agent).contentType(ContentType.JSON).body(Map.of("text", "Bonjour, ma commande n'est toujours pas arrivée"))
                .post(ANALYZE).then().statusCode(200).body("lang", equalTo("fr"));
        as(agent).contentType(ContentType.JSON).body(Map.of("text", "ok 123", "lang", "it"))
                .post(ANALYZE).then().statusCode(200).body("lang", equalTo("it"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"redacted_types\": [\"EMAIL\"], \"languages\": [\"de\", \"en\"]}")
                .put("/redaction/api/v1/admin/policy").then().statusCode(200);
        as(agent).contentType(ContentType.JSON).body(Map.of("text", "Bonjour, ma commande n'est toujours pas arrivée"))
                .post(ANALYZE).then().statusCode(200).body("lang", org.hamcrest.Matchers.oneOf("de", "en"));
        as(agent).contentType(ContentType.JSON).body(Map.of("text", "Wo ist meine Bestellung? Ich warte seit zwei Wochen."))
                .post(ANALYZE).then().statusCode(200).body("lang", equalTo("de"));
        // The hint is not one of the partner's languages: the first of them.
        as(agent).contentType(ContentType.JSON).body(Map.of("text", "ok 123", "lang", "it"))
                .post(ANALYZE).then().statusCode(200).body("lang", equalTo("de"));
    }

    @Test
    void invalidRequestsAreProblemsNamingTheField() {
        String token = TestTokens.bearer("hooli", "agent");
        as(token).contentType(ContentType.JSON).body("{\"lang\": \"en\"}").post(ANALYZE).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("text"));
        as(token).contentType(ContentType.JSON).body(Map.of("text", "x".repeat(16_385))).post(ANALYZE).then().statusCode(400)
                .body("errors[0].field", equalTo("text"));
        as(token).contentType(ContentType.JSON).body(Map.of("text", "hi", "lang", "klingon")).post(ANALYZE).then().statusCode(400)
                .body("errors[0].field", equalTo("lang"));
        as(token).contentType(ContentType.JSON).body("{\"text\": 5}").post(ANALYZE).then().statusCode(400)
                .body("errors[0].field", equalTo("text"));
        as(token).contentType(ContentType.JSON).body(Map.of("text", "")).post(ANALYZE).then().statusCode(200)
                .body("redacted_text", equalTo("")).body("entities", hasSize(0));
        given().contentType(ContentType.JSON).body(Map.of("text", "hi")).post(ANALYZE).then().statusCode(401).contentType(PROBLEM);
    }
}
