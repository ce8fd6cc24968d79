package io.switchboard.web;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** HTTP Basic with per-partner API credentials, beside Keycloak bearer tokens. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "web_test"))
class ApiCredentialsTest {
    private static final String ACME_ADMIN = TestTokens.bearer("acme", Roles.ADMIN);
    private static final String CREDENTIALS = "/admin/api-credentials";

    @Inject
    Pool pool;

    private static String issue(String adminToken, String body) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .when().post(CREDENTIALS)
                .then().statusCode(201)
                .body("token", matchesPattern("sb_[0-9]+_[A-Za-z0-9_-]{43}"))
                .extract().path("token");
    }

    @Test
    void anIssuedTokenAuthenticatesItsPartnerWithItsRolesAndIsStoredOnlyAsAHash() {
        String token = issue(ACME_ADMIN, "{\"name\": \"extractor\"}");

        given().auth().preemptive().basic("acme", token).when().get("/probe/me")
                .then().statusCode(200).body("partner_id", equalTo("acme"));
        given().auth().preemptive().basic("acme", token).when().get("/probe/supervisors")
                .then().statusCode(200);
        // sb_<id>_<secret>: the secret itself may contain '_' (base64url), so cut after the id.
        String secret = token.substring(token.indexOf('_', "sb_".length()) + 1);
        long leaks = pool.preparedQuery("SELECT count(*) FROM api_credentials WHERE position($1 in secret_hash::text) > 0 "
                        + "OR position($1 in name) > 0").execute(Tuple.of(secret)).await().indefinitely()
                .iterator().next().getLong(0);
        assertThat(leaks).isZero();
    }

    @Test
    void rolesAreThoseGrantedAndOnlyContactCenterRolesCanBeGranted() {
        String agentToken = issue(ACME_ADMIN, "{\"name\": \"bot\", \"roles\": [\"agent\"]}");
        given().auth().preemptive().basic("acme", agentToken).when().get("/probe/supervisors").then().statusCode(403);

        given().auth().oauth2(ACME_ADMIN).contentType(ContentType.JSON).body("{\"name\": \"x\", \"roles\": [\"system\"]}")
                .when().post(CREDENTIALS).then().statusCode(400).body("errors.field", hasItem("roles"));
        given().auth().oauth2(ACME_ADMIN).contentType(ContentType.JSON).body("{\"roles\": [\"agent\"]}")
                .when().post(CREDENTIALS).then().statusCode(400).body("errors.field", hasItem("name"));
    }

    @Test
    void anEmptyRoleListIsNotASilentSupervisorAndNothingIsIssued() {
        long before = credentialCount();
        given().auth().oauth2(ACME_ADMIN).contentType(ContentType.JSON).body("{\"name\": \"x\", \"roles\": []}")
                .when().post(CREDENTIALS).then().statusCode(400).body("errors.field", hasItem("roles"));
        given().auth().oauth2(ACME_ADMIN).contentType(ContentType.JSON).body("{\"name\": \"x\", \"roles\": [\"Agent\"]}")
                .when().post(CREDENTIALS).then().statusCode(400).body("errors.field", hasItem("roles"));
        given().auth().oauth2(ACME_ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + "n".repeat(101) + "\"}")
                .when().post(CREDENTIALS).then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(ACME_ADMIN).contentType(ContentType.JSON).body("")
                .when().post(CREDENTIALS).then().statusCode(400).body("errors.field", hasItem("body"));
        assertThat(credentialCount()).isEqualTo(before);
    }

    private long credentialCount() {
        return pool.query("SELECT count(*) FROM api_credentials").execute().await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aWrongSecretAnotherPartnersNameOrAMalformedHeaderIs401() {
        String token = issue(ACME_ADMIN, "{\"name\": \"extractor\"}");
        String forged = token.substring(0, token.length() - 4) + "AAAA";

        given().auth().preemptive().basic("acme", forged).when().get("/probe/me").then().statusCode(401);
        given().auth().preemptive().basic("globex", token).when().get("/probe/me").then().statusCode(401);
        given().auth().preemptive().basic("acme", "not-a-token").when().get("/probe/me").then().statusCode(401);
        given().header("Authorization", "Basic %%%").when().get("/probe/me").then().statusCode(401);
    }

    @Test
    void aRevokedTokenStopsWorkingAndOnlyItsPartnersAdminCanRevokeIt() {
        String token = issue(ACME_ADMIN, "{\"name\": \"old\"}");
        long id = Long.parseLong(token.split("_")[1]);

        given().auth().oauth2(TestTokens.bearer("globex", Roles.ADMIN)).when().delete(CREDENTIALS + "/" + id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.bearer("acme", Roles.SUPERVISOR)).when().delete(CREDENTIALS + "/" + id)
                .then().statusCode(403);
        given().auth().preemptive().basic("acme", token).when().get("/probe/me").then().statusCode(200);

        given().auth().oauth2(ACME_ADMIN).when().delete(CREDENTIALS + "/" + id).then().statusCode(204);
        given().auth().preemptive().basic("acme", token).when().get("/probe/me").then().statusCode(401);
        given().auth().oauth2(ACME_ADMIN).when().get(CREDENTIALS).then().statusCode(200)
                .body("find { it.id == " + id + " }.revoked_at", not(nullValue()))
                .body("find { it.id == " + id + " }.token", nullValue());
        given().auth().oauth2(TestTokens.bearer("globex", Roles.ADMIN)).when().get(CREDENTIALS).then().statusCode(200)
                .body("id", not(hasItem((int) id)));
    }

    @Test
    void anApiCredentialCannotManageApiCredentials() {
        String token = issue(ACME_ADMIN, "{\"name\": \"admin-ish\", \"roles\": [\"admin\"]}");
        // An admin credential may list them (it is an admin), but the issuing answer is the only place a token shows.
        given().auth().preemptive().basic("acme", token).when().get(CREDENTIALS).then().statusCode(200)
                .body("token", not(hasItem(token)));
    }
}
