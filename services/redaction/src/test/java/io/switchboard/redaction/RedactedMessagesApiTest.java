package io.switchboard.redaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.redaction.RedactionFixtures.Chat;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static io.switchboard.redaction.RedactionFixtures.ACME_ADMIN;
import static io.switchboard.redaction.RedactionFixtures.ACME_SUPERVISOR;
import static io.switchboard.redaction.RedactionFixtures.GLOBEX_SUPERVISOR;
import static io.switchboard.redaction.RedactionFixtures.MESSAGES;
import static io.switchboard.redaction.RedactionFixtures.PROBLEM;
import static io.switchboard.redaction.RedactionFixtures.as;
import static io.switchboard.redaction.RedactionFixtures.awaitRedacted;
import static io.switchboard.redaction.RedactionFixtures.issueKey;
import static io.switchboard.redaction.RedactionFixtures.session;
import static io.switchboard.redaction.RedactionFixtures.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * Both endpoints of the redacted messages API: the seven-day window, an unknown session as an empty array,
 * paging, and a provider's isolation — with API keys (Bearer) and with Keycloak tokens.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "redaction"))
@WithTestResource(KafkaTestResource.class)
class RedactedMessagesApiTest {
    private static final long SEVEN_DAYS = Duration.ofDays(7).toSeconds();

    @Inject
    Pool pool;

    /** A window of its own in the past, so that other tests' messages never show in a provider read. */
    private static Instant quietMinute() {
        return Instant.now().minus(Duration.ofDays(2)).minusSeconds(ThreadLocalRandom.current().nextInt(0, 86_400 * 3))
                .truncatedTo(ChronoUnit.MINUTES);
    }

    private static String body(String provider, long start, long end, long limit, long offset) {
        return "{\"providerId\": \"" + provider + "\", \"start\": " + start + ", \"end\": " + end + ", \"limit\": " + limit
                + ", \"offset\": " + offset + ", \"interval\": \"1d\"}";
    }

    @Test
    void aKeyOrATokenReadsItsOwnProviderAndNoOther() {
        Chat acme = Chat.of("acme");
        acme.created(null, false, "Al", "al@example.org");
        acme.fromCustomer("hello from acme");
        Chat globex = Chat.of("globex");
        globex.created(null, false, "Gil", "gil@example.org");
        globex.fromCustomer("hello from globex");
        awaitRedacted(pool, acme);
        awaitRedacted(pool, globex);
        String acmeKey = issueKey(ACME_ADMIN);
        String globexKey = issueKey(TestTokens.bearer("globex", "admin"));

        withKey(acmeKey).queryParam("customersessionid", acme.id).get(session("acme")).then().statusCode(200)
                .body("[0].messages[0].text", equalTo("hello from acme"));
        withKey(globexKey).queryParam("customersessionid", globex.id).get(session("globex")).then().statusCode(200)
                .body("[0].messages[0].text", equalTo("hello from globex"));
        // Another provider in the path: not found, whatever the session, the same as a provider that does not exist.
        for (long chat : List.of(acme.id, globex.id)) {
            for (String other : List.of("globex", "no-such-provider")) {
                withKey(acmeKey).queryParam("customersessionid", chat).get(session(other)).then().statusCode(404)
                        .contentType(PROBLEM).body("detail", equalTo("provider " + other + " not found"));
                as(ACME_SUPERVISOR).queryParam("customersessionid", chat).get(session(other)).then().statusCode(404);
            }
        }
        // Another provider's session under one's own provider: not there.
        withKey(acmeKey).queryParam("customersessionid", globex.id).get(session("acme")).then().statusCode(200).body("", hasSize(0));
        as(GLOBEX_SUPERVISOR).queryParam("customersessionid", acme.id).get(session("globex")).then().statusCode(200).body("", hasSize(0));
        // The provider endpoint: the same rule.
        long start = Instant.now().minusSeconds(3600).getEpochSecond();
        long end = start + 7200;
        withKey(acmeKey).contentType(ContentType.JSON).body(body("globex", start, end, 0, 0)).post(MESSAGES).then()
                .statusCode(404).contentType(PROBLEM).body("detail", equalTo("provider globex not found"));
        withKey(acmeKey).contentType(ContentType.JSON).body(body("acme", start, end, 1000, 0)).post(MESSAGES).then()
                .statusCode(200).body("[0].messages.customersessionid", hasItem(Long.toString(acme.id)))
                .body("[0].messages.text", everyItem(org.hamcrest.Matchers.not(equalTo("hello from globex"))));
        as(GLOBEX_SUPERVISOR).contentType(ContentType.JSON).body(body("globex", start, end, 1000, 0)).post(MESSAGES).then()
                .statusCode(200).body("[0].messages.customersessionid", hasItem(Long.toString(globex.id)))
                .body("[0].messages.customersessionid", everyItem(org.hamcrest.Matchers.not(equalTo(Long.toString(acme.id)))));
    }

    @Test
    void keysAndTokensNeedAReadingRoleAndARevokedKeyIsRefused() {
        Chat chat = Chat.of("acme");
        chat.fromCustomer("hi");
        awaitRedacted(pool, chat);
        String key = issueKey(ACME_ADMIN);
        String agentKey = issueKey(ACME_ADMIN, "agent");
        String adminKey = issueKey(ACME_ADMIN, "admin");

        withKey(adminKey).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(200).body("", hasSize(1));
        as(ACME_ADMIN).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(200).body("", hasSize(1));
        withKey(agentKey).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(403).contentType(PROBLEM);
        as(TestTokens.bearer("acme", "agent")).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(403);
        given().queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(401).contentType(PROBLEM);
        withKey("sb_999999_" + "A".repeat(43)).get(session("acme")).then().statusCode(401).contentType(PROBLEM);
        withKey(key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A")).get(session("acme")).then().statusCode(401);
        withKey("not-a-jwt-or-a-key").get(session("acme")).then().statusCode(401);

        long id = Long.parseLong(key.split("_")[1]);
        given().auth().oauth2(ACME_ADMIN).delete("/admin/api-credentials/" + id).then().statusCode(204);
        withKey(key).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        // The keys are listed (never with their secret) and globex cannot revoke acme's.
        given().auth().oauth2(ACME_ADMIN).get("/admin/api-credentials").then().statusCode(200)
                .body("find { it.id == " + id + " }.revoked_at", org.hamcrest.Matchers.notNullValue())
                .body("token", everyItem(org.hamcrest.Matchers.nullValue()));
        given().auth().oauth2(TestTokens.bearer("globex", "admin")).delete("/admin/api-credentials/" + Long.parseLong(adminKey.split("_")[1]))
                .then().statusCode(404);
    }

    @Test
    void theWindowIsAtMostSevenDaysOfEpochSeconds() {
        long start = Instant.now().minus(Duration.ofDays(10)).getEpochSecond();
        as(ACME_SUPERVISOR).contentType(ContentType.JSON).body(body("acme", start, start + SEVEN_DAYS, 0, 0)).post(MESSAGES)
                .then().statusCode(200);
        as(ACME_SUPERVISOR).contentType(ContentType.JSON).body(body("acme", start, start + SEVEN_DAYS + 1, 0, 0)).post(MESSAGES)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("end"));
        as(ACME_SUPERVISOR).contentType(ContentType.JSON).body(body("acme", start, start - 1, 0, 0)).post(MESSAGES)
                .then().statusCode(400).body("errors[0].field", equalTo("end"));
        as(ACME_SUPERVISOR).contentType(ContentType.JSON).body(body("acme", start * 1000, start * 1000 + 1, 0, 0)).post(MESSAGES)
                .then().statusCode(400).body("errors[0].field", equalTo("start"));
        as(ACME_SUPERVISOR).contentType(ContentType.JSON).body("{\"providerId\": \"acme\", \"end\": " + start + "}").post(MESSAGES)
                .then().statusCode(400).body("errors[0].field", equalTo("start"));
        as(ACME_SUPERVISOR).contentType(ContentType.JSON).body("{\"providerId\": \"acme\", \"start\": " + start + "}").post(MESSAGES)
                .then().statusCode(400).body("errors[0].field", equalTo("end"));
        as(ACME_SUPERVISOR).contentType(ContentType.JSON).body("{\"providerId\": \"acme\", \"start\": \"" + start + "\", \"end\": 1}")
                .post(MESSAGES).then().statusCode(400).body("errors[0].field", equalTo("start"));

        as(ACME_SUPERVISOR).queryParam("customersessionid", 1).queryParam("start", start).queryParam("end", start + SEVEN_DAYS + 1)
                .get(session("acme")).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("end"));
        as(ACME_SUPERVISOR).queryParam("customersessionid", 1).queryParam("start", "yesterday")
                .get(session("acme")).then().statusCode(400).body("errors[0].field", equalTo("start"));
        as(ACME_SUPERVISOR).queryParam("customersessionid", 1).queryParam("start", start).queryParam("end", start + SEVEN_DAYS)
                .get(session("acme")).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void anUnknownOrInvalidCustomerSessionIsAnEmptyArray() {
        for (String id : List.of("987654321987654", "abc", "-12.3", "1.2.3", "", " ")) {
            as(ACME_SUPERVISOR).queryParam("customersessionid", id).get(session("acme")).then().statusCode(200)
                    .contentType(ContentType.JSON).body("", hasSize(0));
        }
        as(ACME_SUPERVISOR).get(session("acme")).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void bothEndpointsPageInAStableOrder() {
        Instant minute = quietMinute();
        Chat first = Chat.of("acme");
        Chat second = Chat.of("acme");
        for (int i = 0; i < 4; i++) {
            first.message("end_user", "1", null, "first " + i, minute.plusSeconds(2L * i));
            second.message("end_user", "1", null, "second " + i, minute.plusSeconds(2L * i + 1));
        }
        awaitRedacted(pool, first);
        awaitRedacted(pool, second);

        as(ACME_SUPERVISOR).queryParam("customersessionid", first.id).queryParam("limit", 3).get(session("acme")).then()
                .statusCode(200).body("[0].messages.text", contains("first 0", "first 1", "first 2"));
        as(ACME_SUPERVISOR).queryParam("customersessionid", first.id).queryParam("limit", 3).queryParam("offset", 3)
                .get(session("acme")).then().statusCode(200).body("[0].messages.text", contains("first 3"));
        as(ACME_SUPERVISOR).queryParam("customersessionid", first.id).queryParam("limit", 3).queryParam("offset", 4)
                .get(session("acme")).then().statusCode(200).body("", hasSize(0));
        as(ACME_SUPERVISOR).queryParam("customersessionid", first.id + ".1").queryParam("limit", 0).get(session("acme")).then()
                .statusCode(200).body("[0].messages", hasSize(4));
        as(ACME_SUPERVISOR).queryParam("customersessionid", first.id).queryParam("limit", 1001).get(session("acme")).then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        as(ACME_SUPERVISOR).queryParam("customersessionid", first.id).queryParam("offset", -1).get(session("acme")).then()
                .statusCode(400).body("errors[0].field", equalTo("offset"));
        // A window given on the session endpoint: only its messages.
        as(ACME_SUPERVISOR).queryParam("customersessionid", first.id).queryParam("start", minute.getEpochSecond() + 2)
                .queryParam("end", minute.getEpochSecond() + 5).get(session("acme")).then().statusCode(200)
                .body("[0].messages.text", contains("first 1", "first 2"));

        long start = minute.getEpochSecond();
        long end = start + 60;
        List<String> texts = new java.util.ArrayList<>();
        for (int offset = 0; offset < 10; offset += 3) {
            List<String> page = as(ACME_SUPERVISOR).contentType(ContentType.JSON).body(body("acme", start, end, 3, offset))
                    .post(MESSAGES).then().statusCode(200).extract().jsonPath().getList("messages.text.flatten()", String.class);
            texts.addAll(page);
        }
        assertThat(texts).containsExactly("first 0", "second 0", "first 1", "second 1", "first 2", "second 2", "first 3", "second 3");
        // interval is accepted and ignored; limit 0 is the default.
        as(ACME_SUPERVISOR).contentType(ContentType.JSON)
                .body("{\"providerId\": \"acme\", \"start\": " + start + ", \"end\": " + end + ", \"interval\": \"15m\"}")
                .post(MESSAGES).then().statusCode(200).body("[0].messages", hasSize(8))
                .body("[0].messages[0].ts", equalTo(minute.toEpochMilli()));
    }

    @Test
    void aNumericProviderIdMayComeAsAJsonInteger() {
        String token = TestTokens.bearer("4711", "supervisor");
        Instant minute = quietMinute();
        Chat chat = Chat.of("4711");
        chat.message("end_user", "1", null, "numeric provider", minute);
        awaitRedacted(pool, chat);
        as(token).contentType(ContentType.JSON)
                .body("{\"providerId\": 4711, \"start\": " + minute.getEpochSecond() + ", \"end\": " + (minute.getEpochSecond() + 60) + "}")
                .post(MESSAGES).then().statusCode(200).body("[0].messages[0].text", equalTo("numeric provider"));
        as(token).contentType(ContentType.JSON).body("{\"providerId\": 4711.5, \"start\": 1, \"end\": 2}").post(MESSAGES)
                .then().statusCode(400).body("errors[0].field", equalTo("providerId"));
        as(token).contentType(ContentType.JSON).body("{\"providerId\": true, \"start\": 1, \"end\": 2}").post(MESSAGES)
                .then().statusCode(400).body("errors[0].field", equalTo("providerId"));
    }
}
