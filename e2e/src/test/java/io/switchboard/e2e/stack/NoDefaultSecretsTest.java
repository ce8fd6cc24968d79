package io.switchboard.e2e.stack;

import io.restassured.RestAssured;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * The stack started by the launcher has no default credential left: the formerly documented ones
 * (Keycloak's admin/admin, the service clients' {@code switchboard-<service>-secret}, the demo users'
 * {@code password}, the S3 keys, database password = role name) are all refused, the generated ones
 * work, the realms have brute-force protection, the bucket is private and metrics are the operator's.
 */
@ExtendWith(LocalStack.class)
class NoDefaultSecretsTest {
    private static final String KEYCLOAK = "http://127.0.0.1:" + LocalStack.KEYCLOAK_PORT;
    private static final String S3 = "http://127.0.0.1:" + LocalStack.S3_PORT;
    private static final String[] SERVICES = {"chat", "media", "interaction", "redaction", "reporting"};

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static io.restassured.response.Response masterToken(String password) {
        return given().baseUri(KEYCLOAK).formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", password)
                .when().post("/realms/master/protocol/openid-connect/token");
    }

    private static io.restassured.response.Response clientToken(String client, String secret) {
        return given().baseUri(LocalStack.keycloakRealmUrl()).formParam("grant_type", "client_credentials")
                .formParam("client_id", client).formParam("client_secret", secret)
                .when().post("/protocol/openid-connect/token");
    }

    @Test
    void keycloaksAdminIsNotAdminAdminAndBothRealmsLockOutGuessers() {
        // Keycloak answers a wrong user password with 400 invalid_grant.
        masterToken("admin").then().statusCode(400).body("error", equalTo("invalid_grant"));
        String admin = masterToken(LocalStack.secret("KEYCLOAK_ADMIN_PASSWORD")).then().statusCode(200)
                .extract().path("access_token");

        for (String realm : new String[]{"master", "switchboard"}) {
            given().baseUri(KEYCLOAK).auth().oauth2(admin).when().get("/admin/realms/" + realm)
                    .then().statusCode(200).body("bruteForceProtected", equalTo(true));
        }
        String policy = given().baseUri(KEYCLOAK).auth().oauth2(admin).when().get("/admin/realms/switchboard")
                .then().extract().path("passwordPolicy");
        assertThat(policy).contains("length(12)", "notUsername");
    }

    @Test
    void theDocumentedClientSecretAndDemoPasswordAreRefusedTheGeneratedOnesWork() {
        clientToken("switchboard-reporting", "switchboard-reporting-secret").then().statusCode(401);
        clientToken("switchboard-reporting", LocalStack.secret("SWITCHBOARD_REPORTING_CLIENT_SECRET"))
                .then().statusCode(200);

        // One wrong attempt: far below the lock-out threshold, and no other test signs in as eve.
        given().baseUri(LocalStack.keycloakRealmUrl()).formParam("grant_type", "password")
                .formParam("client_id", "switchboard-web").formParam("username", "eve.enhanced")
                .formParam("password", "password")
                .when().post("/protocol/openid-connect/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        assertThat(KeycloakAuthTest.token("eve.enhanced")).isNotBlank();
    }

    @Test
    void anAgentGets403OnMetricsTheOperatorReadsThem() {
        String agent = KeycloakAuthTest.token("ann.agent");
        String system = clientToken("switchboard-reporting", LocalStack.secret("SWITCHBOARD_REPORTING_CLIENT_SECRET"))
                .then().statusCode(200).extract().path("access_token");
        for (String service : SERVICES) {
            String base = "http://127.0.0.1:" + LocalStack.servicePort(service);
            given().baseUri(base).auth().oauth2(agent).when().get("/q/metrics").then().statusCode(403);
            given().baseUri(base).auth().oauth2(system).when().get("/q/metrics").then().statusCode(200);
            given().baseUri(base).when().get("/q/health/ready").then().statusCode(200);
        }
        given().baseUri("http://127.0.0.1:" + LocalStack.servicePort("chat")).auth().oauth2(system)
                .when().get("/q/openapi").then().statusCode(200);
        List<String> roles = io.restassured.path.json.JsonPath.from(new String(java.util.Base64.getUrlDecoder()
                .decode(system.split("\\.")[1]), StandardCharsets.UTF_8)).getList("realm_access.roles");
        assertThat(roles).contains("system");
    }

    @Test
    void theBucketRefusesAnonymousListingAndReadingAndTheOldKeys() throws Exception {
        given().baseUri(S3).when().get("/switchboard-media").then().statusCode(403);
        given().baseUri(S3).when().get("/switchboard-media?list-type=2").then().statusCode(403);

        String accessKey = LocalStack.secret("SWITCHBOARD_S3_ACCESS_KEY");
        String secretKey = LocalStack.secret("SWITCHBOARD_S3_SECRET_KEY");
        assertThat(signed("switchboard", "switchboard-secret", "/switchboard-media")).isEqualTo(403);
        assertThat(signed(accessKey, secretKey, "/switchboard-media")).isEqualTo(200);

        // An object written with the keys is not readable without them.
        java.nio.file.Path photo = java.nio.file.Files.createTempFile("e2e-photo", ".jpg");
        java.nio.file.Files.writeString(photo, "not really a photo");
        String key = "/switchboard-media/e2e/" + java.util.UUID.randomUUID() + ".jpg";
        assertThat(signed(accessKey, secretKey, key, "-T", photo.toString())).isEqualTo(200);
        given().baseUri(S3).when().get(key).then().statusCode(403);
        assertThat(signed(accessKey, secretKey, key)).isEqualTo(200);
        java.nio.file.Files.delete(photo);
    }

    @Test
    void aServiceRoleDoesNotTakeItsNameAsPassword() {
        Vertx vertx = Vertx.vertx();
        try {
            for (String service : SERVICES) {
                Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                        .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(LocalStack.PG_PORT)
                                .setDatabase(service).setUser(service).setPassword(service))
                        .using(vertx).build();
                try {
                    assertThatThrownBy(() -> pool.query("SELECT 1").execute().await().indefinitely())
                            .hasMessageContaining("password authentication failed");
                } finally {
                    pool.closeAndAwait();
                }
            }
            try (StackClients chat = new StackClients("chat")) {
                assertThat(chat.pool.query("SELECT 1").execute().await().indefinitely().size()).isEqualTo(1);
            }
        } finally {
            vertx.closeAndAwait();
        }
    }

    @Test
    void theSecretsFileIsTheOwnersOnly() throws IOException {
        var file = LocalStack.state().resolve("secrets/secrets.env");
        assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(java.nio.file.Files.getPosixFilePermissions(file.getParent()))
                .doesNotContain(java.nio.file.attribute.PosixFilePermission.GROUP_READ,
                        java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }

    /** A request signed with AWS SigV4 by curl (as the launcher's tools use it); the HTTP status. */
    private static int signed(String accessKey, String secretKey, String path, String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", accessKey + ":" + secretKey,
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"));
        command.addAll(List.of(more));
        command.add(S3 + path);
        Process curl = new ProcessBuilder(command).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Integer.parseInt(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }
}
