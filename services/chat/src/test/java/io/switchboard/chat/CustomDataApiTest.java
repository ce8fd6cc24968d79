package io.switchboard.chat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.switchboard.chat.ChatFixtures.PROBLEM;
import static io.switchboard.chat.ChatFixtures.count;
import static io.switchboard.chat.ChatFixtures.newChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Custom data, plain and HS256-signed with the partner's company secret, on the real PostgreSQL. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class CustomDataApiTest {
    private static final String SECRET = "acme-company-secret-of-at-least-32-characters";
    private static final String ACME_ADMIN = TestTokens.bearer("acme", "admin");
    private static final String ACME = TestTokens.bearer("acme", "agent");
    private static final String INITECH = TestTokens.bearer("initech", "agent");
    private static final Map<String, Object> FIELDS = Map.of(
            "reserved_verified_customer", Map.of("label", "LABEL 1", "value", true),
            "field1", Map.of("label", "LABEL 4", "value", "dummy1"));

    @Inject
    Pool pool;

    @BeforeEach
    void setSecret() {
        ChatFixtures.directory(pool);
        given().auth().oauth2(ACME_ADMIN).contentType(ContentType.JSON).body(Map.of("secret", SECRET))
                .when().put("/apps/api/v1/admin/company-secret").then().statusCode(204).body(emptyString());
    }

    /** A token with a fresh {@code jti}, as a client signing each submission makes it. */
    private static String sign(Map<String, Object> customData, String secret, long issuedAgo, long expiresIn) throws Exception {
        return sign(customData, secret, issuedAgo, expiresIn, Map.of("jti", java.util.UUID.randomUUID().toString()));
    }

    private static String sign(Map<String, Object> customData, String secret, long issuedAgo, long expiresIn,
                               Map<String, Object> more) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("custom_data", customData);
        long now = System.currentTimeMillis() / 1000;
        claims.setIssuedAt(NumericDate.fromSeconds(now - issuedAgo));
        claims.setExpirationTime(NumericDate.fromSeconds(now + expiresIn));
        more.forEach(claims::setClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    private static io.restassured.response.ValidatableResponse send(String token, int chatId, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/apps/api/v1/chats/" + chatId + "/custom_data").then();
    }

    @Test
    void unsignedCustomDataSetsFlagsAndStoresFields() {
        int id = newChat(ACME);

        send(ACME, id, Map.of("signed", false, "data", FIELDS)).statusCode(200).body("message", equalTo("accepted"));

        given().auth().oauth2(ACME).when().get("/apps/api/v1/chats/" + id + "/customer_flag")
                .then().body("verified_customer", equalTo(true), "bad_actor", equalTo(false));
        assertThat(count(pool, id, "CustomDataAttached")).isEqualTo(1);
        assertThat(count(pool, id, "CustomerFlagsUpdated")).isEqualTo(1);
    }

    @Test
    void aTokenSignedWithTheCompanySecretIsAccepted() throws Exception {
        int id = newChat(ACME);

        send(ACME, id, Map.of("signed", true, "signed_data", sign(FIELDS, SECRET, 0, 600))).statusCode(200);

        assertThat(count(pool, id, "CustomDataAttached")).isEqualTo(1);
        String stored = pool.preparedQuery("SELECT payload->'data'->'data'->'field1'->>'value' FROM event_store WHERE stream_id = $1 AND event_type = 'CustomDataAttached'")
                .execute(Tuple.of("chat-" + id)).await().indefinitely().iterator().next().getString(0);
        assertThat(stored).isEqualTo("dummy1");
    }

    @Test
    void aWrongSignatureAnExpiredTokenOrNoSecretIs401AndStoresNothing() throws Exception {
        int id = newChat(ACME);
        send(ACME, id, Map.of("signed", true, "signed_data", sign(FIELDS, "another-secret-of-at-least-32-characters!!", 0, 600)))
                .statusCode(401).contentType(PROBLEM).body("errors[0].field", equalTo("signed_data"));
        send(ACME, id, Map.of("signed", true, "signed_data", sign(FIELDS, SECRET, 7200, -3600)))
                .statusCode(401).contentType(PROBLEM).body("detail", containsString("expired"));
        send(ACME, id, Map.of("signed", true, "signed_data", "not.a.jwt")).statusCode(401).contentType(PROBLEM);
        int other = newChat(INITECH);
        send(INITECH, other, Map.of("signed", true, "signed_data", sign(FIELDS, SECRET, 0, 600)))
                .statusCode(401).body("detail", containsString("no company secret"));

        assertThat(count(pool, id, "CustomDataAttached") + count(pool, id, "CustomerFlagsUpdated") + count(pool, other, "CustomDataAttached")).isZero();
    }

    @Test
    void aSignedTokenIsAcceptedOnceOnAnyChatOfThePartner() throws Exception {
        int id = newChat(ACME);
        int other = newChat(ACME);
        String token = sign(FIELDS, SECRET, 0, 300);
        send(ACME, id, Map.of("signed", true, "signed_data", token)).statusCode(200);

        send(ACME, id, Map.of("signed", true, "signed_data", token)).statusCode(409).contentType(PROBLEM)
                .body("errors[0].field", equalTo("signed_data"), "detail", containsString("already used"));
        send(ACME, other, Map.of("signed", true, "signed_data", token)).statusCode(409).contentType(PROBLEM);
        // Another token that reuses the jti is a replay too.
        String jti = "order-4711";
        send(ACME, other, Map.of("signed", true, "signed_data", sign(FIELDS, SECRET, 0, 300, Map.of("jti", jti)))).statusCode(200);
        send(ACME, id, Map.of("signed", true, "signed_data", sign(Map.of("field2", Map.of("value", "x")), SECRET, 0, 300,
                Map.of("jti", jti)))).statusCode(409);

        assertThat(count(pool, id, "CustomDataAttached")).isEqualTo(1);
        assertThat(count(pool, other, "CustomDataAttached")).isEqualTo(1);
    }

    @Test
    void aTokenWithoutJtiIsSingleUseByItsContent() throws Exception {
        int id = newChat(ACME);
        String token = sign(FIELDS, SECRET, 0, 300, Map.of());
        send(ACME, id, Map.of("signed", true, "signed_data", token)).statusCode(200);

        send(ACME, id, Map.of("signed", true, "signed_data", token)).statusCode(409);
        // The same claims under another encoding of the signature (its unused low bits) are still the same token.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        String reencoded = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        send(ACME, id, Map.of("signed", true, "signed_data", reencoded)).statusCode(409);
        assertThat(count(pool, id, "CustomDataAttached")).isEqualTo(1);
    }

    @Test
    void tokensThatLiveTooLongOrComeFromTheFutureAre401AndStoreNothing() throws Exception {
        int id = newChat(ACME);
        long year = 365L * 24 * 3600;

        send(ACME, id, Map.of("signed", true, "signed_data", sign(FIELDS, SECRET, 0, 100 * year)))
                .statusCode(401).contentType(PROBLEM).body("errors[0].field", equalTo("signed_data"));
        send(ACME, id, Map.of("signed", true, "signed_data", sign(FIELDS, SECRET, 0, 601)))
                .statusCode(401).body("detail", containsString("at most 600 s"));
        send(ACME, id, Map.of("signed", true, "signed_data", sign(FIELDS, SECRET, -year, year + 300)))
                .statusCode(401).body("detail", containsString("future"));
        send(ACME, id, Map.of("signed", true, "signed_data", sign(FIELDS, SECRET, -120, 300)))
                .statusCode(401).body("detail", containsString("future"));
        // 20 s ahead is within the clock skew.
        send(ACME, id, Map.of("signed", true, "signed_data", sign(FIELDS, SECRET, -20, 300))).statusCode(200);
        JwtClaims noExpiry = new JwtClaims();
        noExpiry.setClaim("custom_data", FIELDS);
        noExpiry.setIssuedAtToNow();
        send(ACME, id, Map.of("signed", true, "signed_data", hs256(noExpiry.toJson(), SECRET)))
                .statusCode(401).body("detail", containsString("exp"));

        assertThat(count(pool, id, "CustomDataAttached")).isEqualTo(1);
    }

    @Test
    void aTokenBoundToAChatIsAcceptedOnThatChatOnly() throws Exception {
        int id = newChat(ACME);
        int other = newChat(ACME);
        String bound = sign(FIELDS, SECRET, 0, 300, Map.of("jti", java.util.UUID.randomUUID().toString(), "chat_id", id));

        send(ACME, other, Map.of("signed", true, "signed_data", bound)).statusCode(401).body("detail", containsString("another chat"));
        send(ACME, id, Map.of("signed", true, "signed_data", bound)).statusCode(200);
        assertThat(count(pool, other, "CustomDataAttached")).isZero();
        assertThat(count(pool, id, "CustomDataAttached")).isEqualTo(1);
    }

    @Test
    void aTokenWhoseDataWasRefusedIsNotUsedUp() throws Exception {
        int id = newChat(ACME);
        String token = sign(FIELDS, SECRET, 0, 300);

        send(ACME, 999_999_999, Map.of("signed", true, "signed_data", token)).statusCode(404);
        send(ACME, id, Map.of("signed", true, "signed_data", token)).statusCode(200);
        assertThat(count(pool, id, "CustomDataAttached")).isEqualTo(1);
    }

    private static String hs256(String payload, String secret) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    @Test
    void malformedBodiesAre400() {
        int id = newChat(ACME);
        send(ACME, id, Map.of()).statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("signed"));
        send(ACME, id, Map.of("signed", true)).statusCode(400).body("errors.field", hasItem("signed_data"));
        send(ACME, id, Map.of("signed", false)).statusCode(400).body("errors.field", hasItem("data"));
        send(ACME, id, Map.of("signed", false, "data", Map.of("reserved_bad_actor", Map.of("value", "yes"))))
                .statusCode(400).body("errors.field", hasItem("data.reserved_bad_actor.value"));
        assertThat(count(pool, id, "CustomDataAttached") + count(pool, id, "CustomerFlagsUpdated")).isZero();
    }

    @Test
    void onlyAnAdminSetsTheSecretAndItMustBeLongEnough() {
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body(Map.of("secret", SECRET))
                .when().put("/apps/api/v1/admin/company-secret").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(ACME_ADMIN).contentType(ContentType.JSON).body(Map.of("secret", "short"))
                .when().put("/apps/api/v1/admin/company-secret").then().statusCode(400).body("errors.field", hasItem("secret"));
    }
}
