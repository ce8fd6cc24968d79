package io.switchboard.web;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Existing Manager/Apps API clients send {@code Accept: application/vnd.json}; they, clients that send
 * {@code *}{@code /*} and clients that send no Accept at all get JSON, from endpoints with and without
 * a declared media type, and their errors stay problem+json.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "web_test"))
class VendorMediaTypesTest {
    private static final String[] ACCEPTED = {"application/vnd.json", "APPLICATION/VND.JSON", "*/*",
            "application/vnd.json; q=0.9, text/html; q=0.1", "application/json"};

    @Test
    void theVendorsJsonTypeAnyTypeAndNoAcceptGetJsonFromEveryKindOfEndpoint() {
        String token = TestTokens.bearer("acme", Roles.AGENT);
        for (String path : new String[]{"/probe/json", "/probe/me"}) {
            for (String accept : ACCEPTED) {
                given().auth().oauth2(token).accept(accept).when().get(path)
                        .then().statusCode(200).contentType(startsWith("application/json"))
                        .body("partner_id", equalTo("acme"));
            }
            given().auth().oauth2(token).when().get(path)
                    .then().statusCode(200).contentType(startsWith("application/json"))
                    .body("partner_id", equalTo("acme"));
        }
    }

    @Test
    void aBodySentAsTheVendorsJsonTypeIsReadAsJson() {
        given().auth().oauth2(TestTokens.bearer("acme", Roles.AGENT))
                .accept("application/vnd.json").contentType("application/vnd.json")
                .body("{\"display_name\":\"x\",\"count\":1,\"owner\":{\"phone\":\"1\"}}".getBytes(StandardCharsets.UTF_8))
                .when().post("/probe/things")
                .then().statusCode(200).body("display_name", equalTo("x"));
    }

    @Test
    void errorsAnsweredToTheVendorsTypeAreProblemsWithErrorMessageAndStatus() {
        given().accept("application/vnd.json").when().get("/probe/json")
                .then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401), "error", equalTo("Unauthorized"));
        given().auth().oauth2(TestTokens.bearer("acme", Roles.AGENT)).accept("application/vnd.json")
                .when().get("/probe/supervisors")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(TestTokens.bearer("acme", Roles.AGENT)).accept("application/vnd.json")
                .when().get("/no/such/resource")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404), "error", notNullValue(), "message", notNullValue());
    }

    @Test
    void aTypeTheEndpointCannotProduceIsStill406() {
        given().auth().oauth2(TestTokens.bearer("acme", Roles.AGENT)).accept("text/csv").when().get("/probe/json")
                .then().statusCode(406);
    }

    @Test
    void onlyTheVendorTypeItselfIsRewritten() {
        assertThat(VendorMediaTypes.rewrite("application/vnd.json;q=0.8, text/plain"))
                .isEqualTo("application/json;q=0.8, text/plain");
        assertThat(VendorMediaTypes.rewrite("application/vnd.jsonx, application/vnd.api+json"))
                .isEqualTo("application/vnd.jsonx, application/vnd.api+json");
    }
}
