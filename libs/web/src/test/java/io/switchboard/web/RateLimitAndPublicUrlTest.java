package io.switchboard.web;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The shared edge mechanics with small limits: a burst over a credential's or a partner's bucket gets
 * 429 problem+json with Retry-After, other partners are unaffected, and after the wait requests pass
 * again; links are built from the configured public base URL.
 */
@QuarkusTest
@TestProfile(RateLimitAndPublicUrlTest.SmallLimits.class)
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "web_test"))
class RateLimitAndPublicUrlTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Slow refills, so that a slow machine does not refill a bucket between two requests.
            return Map.of(
                    "switchboard.rate-limit.credential.capacity", "3",
                    "switchboard.rate-limit.credential.refill", "1",
                    "switchboard.rate-limit.credential.period", "PT5S",
                    "switchboard.rate-limit.partner.capacity", "5",
                    "switchboard.rate-limit.partner.refill", "1",
                    "switchboard.rate-limit.partner.period", "PT30S",
                    "switchboard.public-base-url", "https://api.example.com/switchboard");
        }
    }

    private static String partner() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response me(String token) {
        return given().auth().oauth2(token).when().get("/probe/me");
    }

    @Test
    void aBurstOfOneCredentialGets429WithRetryAfterAndPassesAfterTheWait() {
        String partner = partner();
        String token = TestTokens.token().partner(partner).roles(Roles.AGENT).subject("burst-" + partner).sign();
        for (int i = 0; i < 3; i++) {
            me(token).then().statusCode(200);
        }
        Response refused = me(token);
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429), "error", equalTo("Too Many Requests"),
                        "detail", containsString("credential"), "instance", equalTo("/probe/me"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 5L);

        // Another credential of the same partner still has the partner's bucket to draw on,
        // and another partner is not affected at all.
        me(TestTokens.token().partner(partner).roles(Roles.AGENT).subject("other-" + partner).sign()).then().statusCode(200);
        String elsewhere = TestTokens.token().partner(partner()).roles(Roles.AGENT).subject("elsewhere").sign();
        me(elsewhere).then().statusCode(200);

        await().pollDelay(Duration.ofSeconds(retryAfter)).atMost(Duration.ofSeconds(retryAfter + 10))
                .untilAsserted(() -> me(token).then().statusCode(200));
    }

    @Test
    void manyCredentialsOfOnePartnerShareThePartnersBucket() {
        String partner = partner();
        int passed = 0;
        Response refused = null;
        for (int i = 0; i < 12 && refused == null; i++) {
            // A new subject each time: no credential is over its own limit.
            Response answer = me(TestTokens.token().partner(partner).roles(Roles.AGENT).subject("s" + i).sign());
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                answer.then().statusCode(200);
                passed++;
            }
        }
        assertThat(refused).as("the partner's bucket ran dry").isNotNull();
        assertThat(passed).isBetween(5, 6); // a refill of the 30 s period may come in between
        refused.then().contentType("application/problem+json").body("detail", containsString("partner"));
        assertThat(refused.header("Retry-After")).isNotBlank();
        me(TestTokens.token().partner(partner()).roles(Roles.AGENT).sign()).then().statusCode(200);
    }

    @Test
    void healthIsNeverLimited() {
        for (int i = 0; i < 20; i++) {
            given().when().get("/q/health/live").then().statusCode(200);
        }
    }

    @Test
    void unauthenticatedRequestsAreRefusedByTheSecurityChecksNotCounted() {
        for (int i = 0; i < 10; i++) {
            given().when().get("/probe/me").then().statusCode(401);
        }
    }

    @Test
    void linksAreBuiltFromTheConfiguredPublicBaseUrl() {
        given().auth().oauth2(TestTokens.bearer(partner(), Roles.AGENT)).when().get("/probe/links?per=10&page=1")
                .then().statusCode(200)
                .header("Link", equalTo("<https://api.example.com/switchboard/probe/links?per=10&page=2>; rel=\"next\""));
    }
}
