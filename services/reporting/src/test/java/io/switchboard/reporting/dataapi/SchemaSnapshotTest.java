package io.switchboard.reporting.dataapi;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema published at /graphql/schema.graphql is the committed snapshot, so a change of the API's shape is
 * a reviewed change of that file. To accept a deliberate change, run this test with
 * {@code -Dswitchboard.schema.update=true}: it rewrites the snapshot (README "Platform Data API").
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class SchemaSnapshotTest {
    static final Path SNAPSHOT = Path.of("src/test/resources/dataapi/published-schema.graphql");

    @Test
    void thePublishedSchemaIsTheCommittedSnapshot() throws IOException {
        String published = given().auth().oauth2(TestTokens.bearer("snapshot", "agent"))
                .get("/graphql/schema.graphql").then().statusCode(200).contentType("text/plain")
                .extract().asString();
        if (Boolean.getBoolean("switchboard.schema.update")) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, published, StandardCharsets.UTF_8);
        }
        assertThat(SNAPSHOT).exists();
        assertThat(published).isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
        assertThat(published).contains("getConversationById(", "type Conversation {", "type CallMetrics {");
    }

    @Test
    void theSchemaNeedsAToken() {
        given().get("/graphql/schema.graphql").then().statusCode(401);
    }
}
