package io.switchboard.reporting.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.Scenario;
import io.switchboard.reporting.projection.Projector;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reporting's OpenAPI document describes the wire: for every Manager API read, the documented response
 * schema has exactly the (snake_case) fields the response has, at every depth, with their JSON types
 * (times are date-time strings, metrics numbers, ids integers). A client generated from {@code /q/openapi}
 * reads what the service sends.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class OpenApiTest {
    static final String PARTNER = "openapi-" + UUID.randomUUID().toString().substring(0, 8);
    static final String BASE = "/manager/api/v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean fed;

    @Inject
    Projector projector;

    private JsonNode document;

    @BeforeEach
    void feedOnceAndReadTheDocument() throws Exception {
        synchronized (OpenApiTest.class) {
            if (!fed) {
                List<EventEnvelope> events = new ArrayList<>(Scenario.of(PARTNER));
                events.addAll(Scenario.media(PARTNER));
                events.add(Scenario.organization(PARTNER));
                projector.apply(events);
                fed = true;
            }
        }
        document = JSON.readTree(given().auth().oauth2(TestTokens.bearer(PARTNER, "supervisor"))
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    @Test
    void theCallsListDocumentsTheSnakeCaseFieldsOfTheWire() throws Exception {
        JsonNode schema = resolve(response("/calls"));
        assertThat(schema.path("type").asText()).isEqualTo("array");
        JsonNode call = resolve(schema.path("items"));
        assertThat(properties(call)).contains("id", "parent_id", "call_type", "created_at", "assigned_at", "ends_at",
                "wait_duration", "billing_time", "third_party_talk_time", "selected_menu", "menu_path", "agent_info",
                "end_user", "photos", "transfers", "participants", "deflection_details");
        assertThat(properties(call)).noneMatch(name -> !name.equals(name.toLowerCase()));
        JsonNode createdAt = resolve(call.path("properties").path("created_at"));
        assertThat(types(createdAt)).contains("string");
        assertThat(createdAt.path("format").asText()).as("created_at: %s", createdAt).isEqualTo("date-time");
        assertThat(types(call.path("properties").path("billing_time"))).contains("number");
        assertThat(types(call.path("properties").path("id"))).contains("integer");

        conforms("/calls", wire("/calls?id[]=" + Scenario.CALL_ID));
    }

    @Test
    void everyManagerApiReadDocumentsWhatItSends() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String[] read : new String[][]{
                {"/calls/{id}", "/calls/" + Scenario.CALL_ID},
                {"/chats", "/chats"}, {"/chats/{id}", "/chats/" + Scenario.CHAT_ID},
                {"/agents", "/agents"}, {"/agents/{id}", "/agents/101"},
                {"/agent_activity_logs", "/agent_activity_logs"}, {"/changed_details", "/changed_details"},
                {"/call_participants", "/call_participants"}, {"/chat_participants", "/chat_participants"},
                {"/photos", "/photos"}, {"/videos", "/videos"}, {"/user_info", "/user_info"},
                {"/teams", "/teams"}, {"/teams/tree", "/teams/tree"}, {"/teams/{id}", "/teams/12"},
                {"/menus", "/menus"}, {"/menus/tree", "/menus/tree"}, {"/menus/{id}", "/menus/32"},
                {"/user_statuses", "/user_statuses"}, {"/settings/organization", "/settings/organization"}}) {
            try {
                conforms(read[0], wire(read[1]));
            } catch (AssertionError e) {
                failures.add(read[1] + ": " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aReferenceToAnAgentNotProjectedYetIsDocumentedToo() {
        JsonNode agentInfo = resolve(resolve(resolve(response("/calls")).path("items")).path("properties").path("agent_info"));
        assertThat(properties(agentInfo)).containsExactlyInAnyOrder("id", "name", "first_name", "last_name",
                "agent_number", "avatar_url");
    }

    private JsonNode wire(String path) throws Exception {
        return JSON.readTree(given().auth().oauth2(TestTokens.bearer(PARTNER, "supervisor")).urlEncodingEnabled(false)
                .get(BASE + path).then().statusCode(200).extract().asString());
    }

    private JsonNode response(String path) {
        JsonNode ok = document.path("paths").path(BASE + path).path("get").path("responses").path("200");
        assertThat(ok.isMissingNode()).as("GET %s 200 is documented", path).isFalse();
        return ok.path("content").path("application/json").path("schema");
    }

    private void conforms(String path, JsonNode wire) {
        JsonNode schema = response(path);
        assertThat(schema.isMissingNode() || schema.isEmpty()).as("GET %s has a response schema", path).isFalse();
        conforms(schema, wire, path);
    }

    /** The value has the schema's JSON type and, for an object, exactly its properties (recursively). */
    private void conforms(JsonNode schema, JsonNode value, String where) {
        schema = resolve(schema);
        if (value.isNull()) {
            return;
        }
        Set<String> types = types(schema);
        if (value.isObject()) {
            assertThat(types).as("%s is an object", where).contains("object");
            Set<String> documented = properties(schema);
            Set<String> sent = new TreeSet<>();
            value.fieldNames().forEachRemaining(sent::add);
            if (schema.has("oneOf")) {
                assertThat(documented).as("%s: documented fields", where).containsAll(sent);
            } else {
                assertThat(sent).as("%s: fields sent vs documented", where).isEqualTo(documented);
            }
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                conforms(property(schema, name), value.get(name), where + "." + name);
            }
        } else if (value.isArray()) {
            assertThat(types).as("%s is an array", where).contains("array");
            for (int i = 0; i < value.size(); i++) {
                conforms(schema.path("items"), value.get(i), where + "[" + i + "]");
            }
        } else if (value.isTextual()) {
            assertThat(types).as("%s is a string", where).contains("string");
            if ("date-time".equals(schema.path("format").asText())) {
                assertThat(value.asText()).as("%s is a time with milliseconds", where)
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
            }
        } else if (value.isIntegralNumber()) {
            assertThat(types).as("%s is a number", where).containsAnyOf("integer", "number");
        } else if (value.isNumber()) {
            assertThat(types).as("%s is a number", where).contains("number");
        } else if (value.isBoolean()) {
            assertThat(types).as("%s is a boolean", where).contains("boolean");
        }
    }

    private JsonNode resolve(JsonNode schema) {
        for (int depth = 0; schema.has("$ref") && depth < 10; depth++) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            schema = document.path("components").path("schemas").path(name);
        }
        return schema;
    }

    /** The properties of an object schema; of a oneOf, those of any alternative. */
    private Set<String> properties(JsonNode schema) {
        schema = resolve(schema);
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        for (JsonNode alternative : schema.path("oneOf")) {
            names.addAll(properties(alternative));
        }
        return names;
    }

    private JsonNode property(JsonNode schema, String name) {
        schema = resolve(schema);
        if (schema.path("properties").has(name)) {
            return schema.path("properties").get(name);
        }
        for (JsonNode alternative : schema.path("oneOf")) {
            if (resolve(alternative).path("properties").has(name)) {
                return resolve(alternative).path("properties").get(name);
            }
        }
        throw new AssertionError("no property " + name);
    }

    /** The schema's JSON types (OpenAPI 3.1 lists several, e.g. a nullable string); an object by its properties. */
    private Set<String> types(JsonNode schema) {
        schema = resolve(schema);
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        if (types.isEmpty() && (schema.has("properties") || schema.has("oneOf"))) {
            types.add("object");
        }
        for (JsonNode alternative : schema.path("oneOf")) {
            types.addAll(types(alternative));
        }
        return types;
    }
}
