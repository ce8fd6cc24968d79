package io.switchboard.testing.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Whether a JSON document of the wire is what an OpenAPI schema says: every key it sends is a declared
 * property (so a schema that says {@code menuId} where the wire says {@code menu_id} fails), and every
 * required property is there. A client generated from {@code /q/openapi} builds its requests from the
 * schema's names; this is what makes them the wire's. Objects without declared properties (maps, free-form
 * custom data) accept any key.
 */
public final class WireSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private WireSchema() {
    }

    /** The disagreements, each naming where ({@code what} then the JSON path); empty when they agree. */
    public static List<String> mismatches(String what, JsonNode schema, JsonNode json) {
        List<String> found = new ArrayList<>();
        walk(what, "$", schema, json, found);
        return found;
    }

    /**
     * An answer of {@code operation} against the schema its OpenAPI document declares for the status: the
     * document must declare one, with properties (a typed view, not a free-form map), and the answer's keys
     * must be among them.
     */
    public static List<String> responseMismatches(OpenApi.Operation operation, int status, String body) {
        String what = operation + " " + status + " response";
        JsonNode schema = operation.response(status).orElse(null);
        if (schema == null) {
            return List.of(what + ": the OpenAPI document declares no JSON answer for it");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(what + ": not JSON");
        }
        JsonNode typed = schema.has("items") ? schema.get("items") : schema;
        if (!typed.path("properties").isObject() || typed.path("properties").isEmpty()) {
            return List.of(what + ": the OpenAPI document describes it as " + schema + " (no properties)");
        }
        return mismatches(what, schema, json);
    }

    /** A read of the target: answered 200 with JSON, it must be what the OpenAPI document says it is. */
    public static List<String> readMismatches(HostileCorpus.Target target, RequestSpecification request) {
        Response answer = request.get(target.url());
        if (answer.statusCode() != 200 || !String.valueOf(answer.contentType()).contains("json")) {
            return List.of();
        }
        return responseMismatches(target.operation(), 200, answer.asString());
    }

    private static void walk(String what, String at, JsonNode schema, JsonNode json, List<String> found) {
        if (schema == null || schema.isMissingNode() || json == null || json.isNull()) {
            return;
        }
        if (json.isObject()) {
            JsonNode properties = schema.get("properties");
            if (properties == null || !properties.isObject() || properties.isEmpty()) {
                JsonNode additional = schema.get("additionalProperties");
                if (additional != null && additional.isObject()) {
                    json.fields().forEachRemaining(e -> walk(what, at + "." + e.getKey(), additional, e.getValue(), found));
                }
                return;
            }
            for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                JsonNode property = properties.get(key);
                if (property == null) {
                    found.add(what + ": " + at + "." + key + " is on the wire but not in the schema (it declares "
                            + names(properties) + ")");
                } else {
                    walk(what, at + "." + key, property, json.get(key), found);
                }
            }
            for (JsonNode required : schema.path("required")) {
                if (!json.has(required.asText())) {
                    found.add(what + ": " + at + "." + required.asText() + " is required by the schema but not on the wire");
                }
            }
        } else if (json.isArray()) {
            JsonNode items = schema.get("items");
            for (int i = 0; i < json.size(); i++) {
                walk(what, at + "[" + i + "]", items, json.get(i), found);
            }
        }
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
