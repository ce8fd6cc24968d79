package io.switchboard.media;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.hostile.CorpusRun;
import io.switchboard.testing.hostile.HostileCase;
import io.switchboard.testing.hostile.HostileCorpus;
import io.switchboard.testing.hostile.HostileCorpus.Target;
import io.switchboard.testing.hostile.OpenApi;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus (libs/testing) against every endpoint of the media service, taken from its OpenAPI
 * document: no answer is a 5xx, every refusal is problem+json naming the field, and no refused request
 * writes anything (event store, attached items).
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "media"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class HostileCorpusTest {
    private static final String TOKEN = TestTokens.bearer("acme", "supervisor", "admin");

    @Inject
    Pool pool;

    /** A valid request per write endpoint, on this chat's and call's uploaded photo and video. */
    private static Map<String, UnaryOperator<Target>> samples(long chat, long call, Map<String, String> keys) {
        Map<String, UnaryOperator<Target>> samples = new LinkedHashMap<>();
        for (String channel : List.of("chats", "calls")) {
            long id = channel.equals("chats") ? chat : call;
            String base = "POST /apps/api/v1/" + channel + "/{id}";
            samples.put(base + "/photos/upload", t -> t.path("id", id).sample("{\"content_type\": \"image/png\"}").optionalBody());
            samples.put(base + "/videos/upload", t -> t.path("id", id).sample("{\"content_type\": \"video/mp4\"}").optionalBody());
            samples.put(base + "/photos", t -> t.path("id", id).sample("{\"photo\": [{\"s3_path\": \"" + keys.get(channel + "/photos")
                    + "\", \"photo_type\": \"photo\"}]}"));
            samples.put(base + "/videos", t -> t.path("id", id).sample("{\"video\": {\"s3_path\": \"" + keys.get(channel + "/videos")
                    + "\"}}"));
        }
        samples.put("POST /admin/api-credentials", t -> t.sample("{\"name\": \"extractor\", \"roles\": [\"supervisor\"]}"));
        return samples;
    }

    @Test
    void noHostileRequestIsA500OrGetsIn() {
        long chat = MediaFixtures.chat("acme");
        long call = MediaFixtures.call("acme");
        Map<String, String> keys = Map.of(
                "chats/photos", MediaFixtures.upload("acme", "chats", chat, "photos", "image/png", TestMedia.png(4, 4)),
                "chats/videos", MediaFixtures.upload("acme", "chats", chat, "videos", "video/mp4", TestMedia.mp4(64)),
                "calls/photos", MediaFixtures.upload("acme", "calls", call, "photos", "image/png", TestMedia.png(4, 4)),
                "calls/videos", MediaFixtures.upload("acme", "calls", call, "videos", "video/mp4", TestMedia.mp4(64)));
        String document = given().auth().oauth2(TOKEN).get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        List<OpenApi.Operation> operations = OpenApi.parse(document).operations();
        Map<String, UnaryOperator<Target>> samples = samples(chat, call, keys);

        List<HostileCase> cases = new ArrayList<>();
        List<String> withoutSample = new ArrayList<>();
        List<String> wire = new ArrayList<>();
        for (OpenApi.Operation operation : operations) {
            UnaryOperator<Target> sample = samples.get(operation.toString());
            if (operation.takesBody() && sample == null) {
                withoutSample.add(operation.toString());
            }
            Target target = sample != null ? sample.apply(Target.of(operation)) : plain(operation, chat, call);
            wire.addAll(target.wireMismatches());
            cases.addAll(HostileCorpus.cases(target));
        }
        assertThat(withoutSample).as("write endpoints without a sample body in this test (add one)").isEmpty();
        assertThat(wire).as("valid bodies of the wire against the OpenAPI request schemas").isEmpty();
        assertThat(samples.keySet()).as("samples of endpoints the OpenAPI document no longer has")
                .isSubsetOf(operations.stream().map(OpenApi.Operation::toString).toList());

        CorpusRun run = new CorpusRun(() -> given().auth().oauth2(TOKEN).redirects().follow(false), this::writes).run(cases);
        run.verify("media");
        assertThat(run.total()).isGreaterThan(100);
    }

    private static Target plain(OpenApi.Operation operation, long chat, long call) {
        String path = operation.path();
        Object id = path.startsWith("/apps/api/v1/calls/") ? call : path.startsWith("/apps/api/v1/media/") ? 1 : chat;
        return Target.of(operation).path("id", path.startsWith("/admin/api-credentials/") ? 999_999_999 : id);
    }

    /** Everything a request of this service can write. */
    private String writes() {
        return pool.query("""
                        SELECT (SELECT coalesce(max(global_position), 0) FROM event_store WHERE partner_id <> '_system') || '/' ||
                               (SELECT count(*) FROM media_items) || '/' ||
                               (SELECT count(*) || ':' || coalesce(max(id), 0) FROM api_credentials)""")
                .execute().await().indefinitely().iterator().next().getString(0);
    }
}
