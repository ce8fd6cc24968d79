package io.switchboard.redaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.hostile.CorpusRun;
import io.switchboard.testing.hostile.HostileCase;
import io.switchboard.testing.hostile.HostileCorpus;
import io.switchboard.testing.hostile.HostileCorpus.Target;
import io.switchboard.testing.hostile.OpenApi;
import io.switchboard.testing.hostile.WireSchema;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus (libs/testing) against every endpoint of the redaction service, taken from its OpenAPI
 * document: no answer is a 5xx, every refusal is problem+json naming the field, and no refused request
 * writes anything — not to the event store, the policy tables or the API credentials.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "redaction"))
@WithTestResource(KafkaTestResource.class)
class HostileCorpusTest {
    /** A partner of its own, with every role an endpoint asks for. */
    private static final String TOKEN = TestTokens.bearer("hostile", "supervisor", "admin", "agent");

    @Inject
    Pool pool;

    /** A valid request per write endpoint; each hostile case changes one thing of it. */
    private static Map<String, UnaryOperator<Target>> samples(long entity, long intent) {
        long start = Instant.now().minusSeconds(86_400).getEpochSecond();
        Map<String, UnaryOperator<Target>> samples = new LinkedHashMap<>();
        samples.put("POST /KoopidPartnerServer/api/APIEndpoint/Dashboard/Messages", t -> t.sample("""
                {"providerId": "hostile", "start": %d, "end": %d, "limit": 0, "offset": 0, "interval": "1d"}"""
                .formatted(start, start + 3600)));
        samples.put("POST /redaction/api/v1/analyze", t -> t.sample("""
                {"text": "mail me at a@b.example", "lang": "en"}"""));
        samples.put("PUT /redaction/api/v1/admin/policy", t -> t.sample("""
                {"redacted_types": ["EMAIL", "NUMERIC"], "mask_style": "label"}"""));
        samples.put("POST /redaction/api/v1/admin/custom-entities", t -> t.sample("""
                {"label": "HOSTILE_NEW", "regex": "H-[0-9]{3}"}"""));
        samples.put("PUT /redaction/api/v1/admin/custom-entities/{id}", t -> t.sample("""
                {"label": "HOSTILE", "words": ["hostile word"]}"""));
        samples.put("POST /redaction/api/v1/admin/intents", t -> t.sample("""
                {"name": "hostile_new", "phrases": ["a hostile phrase"]}"""));
        samples.put("PUT /redaction/api/v1/admin/intents/{id}", t -> t.sample("""
                {"name": "hostile", "phrases": ["a hostile phrase"]}"""));
        samples.put("POST /admin/api-credentials", t -> t.sample("""
                {"name": "extractor", "roles": ["supervisor"]}"""));
        samples.replaceAll((key, sample) -> t -> sample.apply(t.path("providerId", "hostile")
                .path("id", key.contains("intents") ? intent : entity)));
        return samples;
    }

    @Test
    void noHostileRequestIsA500OrGetsIn() {
        long entity = ((Number) given().auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body("{\"label\": \"HOSTILE\", \"regex\": \"H-[0-9]{4}\"}").post("/redaction/api/v1/admin/custom-entities")
                .then().statusCode(201).extract().path("id")).longValue();
        long intent = ((Number) given().auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body("{\"name\": \"hostile\", \"phrases\": [\"hostile\"]}").post("/redaction/api/v1/admin/intents")
                .then().statusCode(201).extract().path("id")).longValue();
        String document = given().auth().oauth2(TOKEN).get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        List<OpenApi.Operation> operations = OpenApi.parse(document).operations();
        Map<String, UnaryOperator<Target>> samples = samples(entity, intent);

        List<HostileCase> cases = new ArrayList<>();
        List<String> withoutSample = new ArrayList<>();
        List<String> wire = new ArrayList<>();
        for (OpenApi.Operation operation : operations) {
            UnaryOperator<Target> sample = samples.get(operation.toString());
            if (operation.takesBody() && sample == null) {
                withoutSample.add(operation.toString());
            }
            Target target = sample != null ? sample.apply(Target.of(operation))
                    : Target.of(operation).path("providerId", "hostile").path("id", entity).path("name", "redaction");
            wire.addAll(target.wireMismatches());
            if (operation.method().equals("GET")) {
                wire.addAll(WireSchema.readMismatches(target, given().auth().oauth2(TOKEN)));
            }
            cases.addAll(HostileCorpus.cases(target));
        }
        assertThat(withoutSample).as("write endpoints without a sample body in this test (add one)").isEmpty();
        assertThat(wire).as("valid bodies of the wire against the OpenAPI request schemas").isEmpty();
        assertThat(samples.keySet()).as("samples of endpoints the OpenAPI document no longer has")
                .isSubsetOf(operations.stream().map(OpenApi.Operation::toString).toList());

        CorpusRun run = new CorpusRun(() -> given().auth().oauth2(TOKEN), this::writes).run(cases);
        run.verify("redaction");
        assertThat(run.total()).isGreaterThan(500);
    }

    /** Everything a request of this service can write. */
    private String writes() {
        return pool.query("""
                        SELECT (SELECT coalesce(max(global_position), 0) FROM event_store WHERE partner_id <> '_system') || '/' ||
                               (SELECT coalesce(md5(string_agg(partner_id || ':' || array_to_string(redacted_types, ',') || ':'
                                        || mask_style || ':' || updated_at, ',' ORDER BY partner_id)), '') FROM redaction_policies) || '/' ||
                               (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at)::text, '')
                                  FROM redaction_custom_entities) || '/' ||
                               (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at)::text, '')
                                  FROM redaction_intents) || '/' ||
                               (SELECT count(*) || ':' || coalesce(max(id), 0) FROM api_credentials)""")
                .execute().await().indefinitely().iterator().next().getString(0);
    }
}
