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
        String text = "mail ann@example.com, card 4111-1111-1111-1111, pay €30";
        var answer = as(TestTokens.bearer("hooli", "agent")).contentType(ContentType.JSON)
                .body(Map.of("text", text)).post(ANALYZE).then().statusCode(200).contentType(ContentType.JSON)
                .body("redacted_text", equalTo("mail ****EMAIL****, card ****NUMERIC****, pay ****MONEY****"))
                .body("entities.type", contains("EMAIL", "NUMERIC", "MONEY"))
                .body("entities[0].start", equalTo(5)).body("entities[0].end", equalTo(20))
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
                .body("lang", equalTo("de"))
                .body("topic", equalTo("refund"))
                .body("topmatches[0].intent", equalTo("refund"))
                .body("topmatches[0].phrase", equalTo("I want a refund"))
                .body("topmatches[0].confidence", equalTo(answerScore()))
                .body("topmatches[0].keySet()", contains("intent", "confidence", "phrase"));
        // Another partner's analysis knows nothing of initech's setup: the default policy, where the order
        // reference (letters and digits) is an ID.
        as(TestTokens.bearer("hooli", "agent")).contentType(ContentType.JSON).body(Map.of("text", "ORD-123456 nightjar"))
                .post(ANALYZE).then().statusCode(200).body("redacted_text", equalTo("****ID**** nightjar"))
                .body("topic", nullValue());
    }

    /** What the placeholder's word overlap gives the best phrase ("I want a refund": 4 of the 17 distinct words). */
    private static Float answerScore() {
        return (float) (Math.round(4.0 / 17 * 1000) / 1000.0);
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
