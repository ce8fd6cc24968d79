package io.switchboard.web;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The input rules every service gets from libs/web (package {@code input}): strict JSON, required
 * JSON bodies, request-line checks and free-form limits, each a problem naming the field.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "web_test"))
class HostileInputTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String JSON = "application/json";

    private static ValidatableResponse send(String method, String path, String contentType, String body) {
        RequestSpecification spec = given().auth().oauth2(TestTokens.bearer("acme", Roles.AGENT)).urlEncodingEnabled(false);
        if (contentType != null) {
            spec = spec.header("Content-Type", contentType);
        }
        if (body != null) {
            spec = contentType != null && contentType.contains("form") ? spec.body(body)
                    : spec.body(body.getBytes(StandardCharsets.UTF_8));
        }
        return spec.request(method, path).then();
    }

    private static void rejected(String body, String field, String message) {
        send("POST", "/probe/plain", JSON, body).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo(field), "errors[0].message", containsString(message));
    }

    @Test
    void aNulCharacterAnywhereInTheBodyIsRefusedNamingWhereItIs() {
        rejected("{\"name\":\"a\\u0000b\"}", "name", "NUL");
        rejected("{\"extra\":{\"k\\u0000\":1}}", "extra.k\\u0000", "NUL");
        rejected("{\"extra\":{\"a\":[\"x\",\"\\u0000\"]}}", "extra.a[1]", "NUL");
        send("POST", "/probe/node", JSON, "{\"a\":{\"b\":\"\\u0000\"}}").statusCode(400).body("errors[0].field", equalTo("a.b"));
        // Ignored (unknown) fields are read through the same check.
        send("POST", "/probe/things", JSON, "{\"unknown\":{\"x\":\"\\u0000\"},\"display_name\":\"x\",\"count\":1,"
                + "\"owner\":{\"phone\":\"1\"}}").statusCode(400).body("errors[0].field", equalTo("unknown.x"));
    }

    @Test
    void halfASurrogatePairIsNotText() {
        rejected("{\"name\":\"\\ud800x\"}", "name", "surrogate");
        send("POST", "/probe/plain", JSON, "{\"name\":\"\\ud83d\\ude00 \u05e9\u05dc\u05d5\u05dd\"}").statusCode(200)
                .body("name", equalTo("\uD83D\uDE00 \u05e9\u05dc\u05d5\u05dd"));
    }

    @Test
    void duplicateKeysAndTrailingContentAreRefused() {
        rejected("{\"name\":\"a\",\"name\":\"b\"}", "name", "more than once");
        rejected("{\"name\":\"a\"}{\"name\":\"b\"}", "body", "after the JSON document");
        rejected("{\"name\":\"a\"} garbage", "body", "not valid JSON");
    }

    @Test
    void aValueOfAnotherJsonTypeIsNeverCoerced() {
        rejected("{\"count\":1.5}", "count", "integer");
        rejected("{\"count\":1.0}", "count", "integer");
        rejected("{\"count\":\"5\"}", "count", "integer");
        rejected("{\"count\":true}", "count", "integer");
        rejected("{\"count\":99999999999999999999999}", "count", "out of range");
        rejected("{\"name\":5}", "name", "string");
        rejected("{\"name\":false}", "name", "string");
        rejected("{\"name\":[]}", "name", "string");
        rejected("{\"extra\":\"x\"}", "extra", "object");
    }

    @Test
    void limitsOfTheParserAreProblemsToo() {
        rejected("{\"extra\":{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}}", "extra", "nesting depth");
        rejected("{\"count\":1" + "0".repeat(150) + "}", "count", "limit");
    }

    @Test
    void instantsAreIsoTextWithinTheYears1To9999() {
        rejected("{\"at\":\"+9999999-01-01T00:00:00Z\"}", "at", "0001 and 9999");
        rejected("{\"at\":\"0000-12-31T23:59:59Z\"}", "at", "0001 and 9999");
        rejected("{\"at\":\"2026-13-01T00:00:00Z\"}", "at", "ISO-8601");
        rejected("{\"at\":\"2026-01-01T00:00:00\"}", "at", "ISO-8601");
        rejected("{\"at\":1767225600}", "at", "ISO-8601");
        send("POST", "/probe/plain", JSON, "{\"at\":\"2026-01-01T02:00:00.000+02:00\"}").statusCode(200)
                .body("at", equalTo("2026-01-01T00:00:00Z"));
    }

    @Test
    void anEmptyOrNullBodyIsA400NamingTheBodyUnlessItIsOptional() {
        for (String body : new String[]{"", "null", " null "}) {
            send("POST", "/probe/plain", JSON, body).statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("body"));
            send("POST", "/probe/node", JSON, body).statusCode(400).body("errors[0].field", equalTo("body"));
            send("POST", "/probe/optional", JSON, body).statusCode(200).body(equalTo("none"));
        }
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        for (String type : new String[]{"text/plain", "application/x-www-form-urlencoded", "application/xml",
                "application/octet-stream"}) {
            send("PUT", "/probe/secret", type, "secret=abc").statusCode(415).contentType(PROBLEM)
                    .body("status", equalTo(415));
            send("PATCH", "/probe/plain/1", type, "{\"name\":\"a\"}").statusCode(415).contentType(PROBLEM);
        }
        send("POST", "/probe/plain", null, "{\"name\":\"a\"}").statusCode(415).contentType(PROBLEM);
        send("POST", "/probe/plain", "application/json; charset=utf-8", "{\"name\":\"a\"}").statusCode(200);
        send("POST", "/probe/plain", "application/merge-patch+json", "{\"name\":\"a\"}").statusCode(200);
        // An endpoint that declares what it consumes reads raw text as it wishes.
        send("POST", "/probe/text", null, null).statusCode(200).body(equalTo("[]"));
    }

    @Test
    void matrixParametersAreRefusedInsteadOfStripped() {
        send("GET", "/probe/me;DROP", null, null).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("path"));
        send("GET", "/probe/fail/missing;x=1", null, null).statusCode(400).body("errors[0].field", equalTo("path"));
    }

    @Test
    void aNulInThePathQueryOrHeaderIsRefused() {
        send("GET", "/probe/me?screen_id=a%00b", null, null).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("screen_id"));
        send("GET", "/probe/fail/a%00b", null, null).statusCode(400).body("errors[0].field", equalTo("path"));
    }

    @Test
    void freeFormValuesAndContainerElementsAreBoundedAndNamed() {
        String ok = "{\"free\":{\"a\":\"x\"},\"owners\":{\"ab\":{\"phone\":\"1\"}},\"tags\":[\"a\"]}";
        send("POST", "/probe/bounded", JSON, ok).statusCode(200);
        boundedRejects("{\"free\":{\"a\":{\"B\":\"xxxxxx\"}}}", "free.a.B", "at most 5 characters");
        boundedRejects("{\"free\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4}}", "free", "more than 3 entries");
        boundedRejects("{\"free\":{\"a\":{\"b\":{\"c\":1}}}}", "free.a.b", "deeper than 2");
        boundedRejects("{\"free\":{\"" + "k".repeat(300) + "\":1}}", "free", "key longer than");
        boundedRejects("{\"owners\":{\"toolong\":{\"phone\":\"1\"}}}", "owners", "size");
        boundedRejects("{\"owners\":{\"ab\":{\"phone\":\"\"}}}", "owners.ab.phone", "blank");
        boundedRejects("{\"tags\":[\"a\",\"toolong\"]}", "tags[1]", "size");
        send("POST", "/probe/bounded?screen_id=abcdef", JSON, "{}").statusCode(400)
                .body("errors.field", hasItem("screen_id"));
    }

    private static void boundedRejects(String body, String field, String message) {
        send("POST", "/probe/bounded", JSON, body).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo(field), "errors[0].message", containsString(message));
    }
}
