package io.switchboard.testing.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operations of a service's OpenAPI document ({@code /q/openapi?format=json}), with request-body
 * schemas resolved ({@code $ref}, {@code allOf}), so that a test can cover every endpoint the service
 * has — including the ones added after the test was written.
 */
public final class OpenApi {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** A declared parameter: {@code in} is {@code path}, {@code query} or {@code header}. */
    public record Parameter(String name, String in, JsonNode schema) {
    }

    /**
     * One operation; {@code bodies} maps each request media type to its (resolved) schema, {@code responses}
     * each status to the (resolved) schema of its JSON answer.
     */
    public record Operation(String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies,
                            Map<String, JsonNode> responses) {
        public boolean takesBody() {
            return !bodies.isEmpty();
        }

        /** The schema of a JSON body, if the operation reads one. */
        public Optional<JsonNode> jsonBody() {
            return bodies.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("json"))
                    .map(Map.Entry::getValue).findFirst();
        }

        /** The schema of the JSON answer with this status, if the document declares one. */
        public Optional<JsonNode> response(int status) {
            return Optional.ofNullable(responses.get(Integer.toString(status)));
        }

        public List<Parameter> parameters(String in) {
            return parameters.stream().filter(p -> p.in().equals(in)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode document;

    private OpenApi(JsonNode document) {
        this.document = document;
    }

    public static OpenApi parse(String json) {
        try {
            return new OpenApi(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("not an OpenAPI document", e);
        }
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Parameter> shared = parameters(path.getValue().path("parameters"));
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>(shared);
                parameters.addAll(parameters(operation.path("parameters")));
                Map<String, JsonNode> bodies = new LinkedHashMap<>();
                JsonNode body = resolve(operation.path("requestBody"));
                for (Iterator<Map.Entry<String, JsonNode>> types = body.path("content").fields(); types.hasNext(); ) {
                    Map.Entry<String, JsonNode> type = types.next();
                    bodies.put(type.getKey(), resolve(type.getValue().path("schema")));
                }
                Map<String, JsonNode> responses = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> statuses = operation.path("responses").fields(); statuses.hasNext(); ) {
                    Map.Entry<String, JsonNode> status = statuses.next();
                    JsonNode answer = resolve(status.getValue());
                    for (Iterator<Map.Entry<String, JsonNode>> types = answer.path("content").fields(); types.hasNext(); ) {
                        Map.Entry<String, JsonNode> type = types.next();
                        if (type.getKey().toLowerCase(Locale.ROOT).contains("json")) {
                            responses.putIfAbsent(status.getKey(), resolve(type.getValue().path("schema")));
                        }
                    }
                }
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(parameters), bodies,
                        responses));
            }
        }
        return operations;
    }

    private List<Parameter> parameters(JsonNode list) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : list) {
            JsonNode resolved = resolve(parameter);
            parameters.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(),
                    resolve(resolved.path("schema"))));
        }
        return parameters;
    }

    /**
     * The schema with {@code $ref}s followed and {@code allOf} parts merged, all the way down
     * (properties, items, additional properties).
     */
    public JsonNode resolve(JsonNode schema) {
        return resolve(schema, 0);
    }

    private JsonNode resolve(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || !schema.isObject() || depth > 20) {
            return schema == null ? MAPPER.missingNode() : schema;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = document.at(ref.substring(1));
            ObjectNode merged = ((ObjectNode) resolve(target, depth + 1)).deepCopy();
            schema.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("$ref")) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            return merged;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        if (copy.has("allOf")) {
            JsonNode parts = copy.remove("allOf");
            for (JsonNode part : parts) {
                JsonNode resolved = resolve(part, depth + 1);
                resolved.fields().forEachRemaining(e -> {
                    if (e.getKey().equals("properties") && copy.has("properties")) {
                        ((ObjectNode) copy.get("properties")).setAll((ObjectNode) e.getValue());
                    } else if (!copy.has(e.getKey())) {
                        copy.set(e.getKey(), e.getValue());
                    }
                });
            }
        }
        if (copy.has("properties")) {
            ObjectNode properties = MAPPER.createObjectNode();
            copy.get("properties").fields().forEachRemaining(e -> properties.set(e.getKey(), resolve(e.getValue(), depth + 1)));
            copy.set("properties", properties);
        }
        if (copy.has("items")) {
            copy.set("items", resolve(copy.get("items"), depth + 1));
        }
        if (copy.has("additionalProperties") && copy.get("additionalProperties").isObject()) {
            copy.set("additionalProperties", resolve(copy.get("additionalProperties"), depth + 1));
        }
        return copy;
    }
}
