package io.switchboard.reporting.dataapi.graphql;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** GraphiQL works offline: every asset its page loads is served by this service, without a token. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class GraphiqlPageTest {
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void thePageLoadsOnlyAssetsThisServiceServes() {
        String page = given().get("/graphql/ui").then().statusCode(200).contentType(containsString("text/html"))
                .body(not(containsString("https://"))).extract().asString();
        Matcher found = ASSET.matcher(page);
        List<String> assets = found.results().map(match -> match.group(1)).toList();
        assertThat(assets).containsExactlyElementsOf(GraphiqlPage.ASSETS);

        URI base = URI.create("http://localhost/graphql/ui");
        for (String asset : assets) {
            String path = base.resolve(asset).getPath();
            byte[] body = given().get(path).then().statusCode(200)
                    .contentType(asset.endsWith(".css") ? containsString("text/css") : containsString("javascript"))
                    .extract().asByteArray();
            assertThat(body.length).as(path).isGreaterThan(1_000);
        }
    }
}
