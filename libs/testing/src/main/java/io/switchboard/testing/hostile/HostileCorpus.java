package io.switchboard.testing.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates hostile requests for an endpoint from what its OpenAPI document says about it (body
 * schema, path, query and header parameters) and a valid sample body: every field gets a NUL, a value
 * past its limit, every other JSON type, fractions and out-of-range numbers, bad dates, lone
 * surrogates and valid-but-unusual Unicode; the body as a whole gets duplicate keys, trailing
 * garbage, emptiness, {@code null}, deep nesting and wrong content types; the path gets matrix
 * parameters and NULs. Lists of the Manager API get unknown, garbled and oversized filters.
 *
 * <p>Field names in the expectations are the ones {@code errors[].field} uses: JSON names joined by
 * dots, list positions in brackets.
 */
public final class HostileCorpus {
    /** Longer than every documented limit: a field without one accepts it and the test says so. */
    public static final int UNBOUNDED = 20_000;
    /** More entries than any list or map of the APIs may hold. */
    public static final int TOO_MANY = 1_001;
    private static final int DEEP = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SURROGATE = "\u0001LONE-SURROGATE\u0001";
    private static final String JSON = "application/json";
    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> UNSUPPORTED = Set.of(415);
    private static final Set<Integer> BAD_OR_MISSING = Set.of(400, 404);

    private HostileCorpus() {
    }

    /** An endpoint as the corpus attacks it: its operation, real values for its path, a valid body. */
    public static final class Target {
        private final OpenApi.Operation operation;
        private final Map<String, String> pathValues = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private JsonNode sample;
        private String rawType;
        private byte[] rawSample;
        private String query;
        private boolean optionalBody;
        private boolean undeclaredTypeIsJson;

        private Target(OpenApi.Operation operation) {
            this.operation = operation;
        }

        public static Target of(OpenApi.Operation operation) {
            return new Target(operation);
        }

        public Target path(String name, Object value) {
            pathValues.put(name, String.valueOf(value));
            return this;
        }

        /** A header every request of this endpoint carries (e.g. a tenant header the API requires). */
        public Target header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A valid body in the wire format; fields the schema does not describe are attacked by their sample type. */
        public Target sample(String json) {
            try {
                this.sample = MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the sample body of " + operation + " is not JSON", e);
            }
            return this;
        }

        /** A valid body that is not JSON (e.g. an image upload), sent with the path and parameter cases. */
        public Target rawSample(String contentType, byte[] body) {
            this.rawType = contentType;
            this.rawSample = body.clone();
            return this;
        }

        /** Query parameters every request of this endpoint needs (e.g. {@code maxSize=100}), without {@code ?}. */
        public Target query(String query) {
            this.query = query;
            return this;
        }

        /** The body may be left out: an empty or {@code null} body is not required to be refused. */
        public Target optionalBody() {
            this.optionalBody = true;
            return this;
        }

        /** A body without a Content-Type is read as JSON (e.g. a provider's webhook). */
        public Target undeclaredTypeIsJson() {
            this.undeclaredTypeIsJson = true;
            return this;
        }

        public OpenApi.Operation operation() {
            return operation;
        }

        boolean hasSample() {
            return sample != null;
        }

        /** Where the sample body (the wire) and the OpenAPI request schema disagree ({@link WireSchema}). */
        public List<String> wireMismatches() {
            if (sample == null) {
                return List.of();
            }
            return operation.jsonBody().map(schema -> WireSchema.mismatches(operation + " request", schema, sample))
                    .orElse(List.of(operation + " request: a JSON sample, but the OpenAPI document declares no JSON body"));
        }

        String path() {
            return path(Map.of());
        }

        /** The endpoint's path with the target's values, and its own query parameters. */
        public String url() {
            return withQuery(path(), null);
        }

        String path(Map<String, String> replaced) {
            String path = operation.path();
            for (OpenApi.Parameter parameter : operation.parameters("path")) {
                String value = replaced.getOrDefault(parameter.name(), pathValues.getOrDefault(parameter.name(), "1"));
                path = path.replace("{" + parameter.name() + "}", value);
            }
            // Regex path templates ({name: .+}) too.
            return path.replaceAll("\\{([^}:]+):[^}]*}", "1");
        }

        /** The path with the endpoint's own query parameters and {@code more}. */
        String withQuery(String path, String more) {
            String all = query == null ? more : more == null ? query : query + "&" + more;
            return all == null ? path : path + "?" + all;
        }
    }

    /** A list of the Manager API and its filters: ranges ({@code x[from]}, {@code x[to]}), ids and names. */
    public record ListTarget(String path, List<String> ranges, List<String> ids, List<String> texts,
                             List<String> sortColumns) {
        public Set<String> filters() {
            Set<String> filters = new TreeSet<>();
            ranges.forEach(range -> {
                filters.add(range + "[from]");
                filters.add(range + "[to]");
            });
            ids.forEach(id -> filters.add(id + "[]"));
            texts.forEach(text -> filters.add(text + "[]"));
            return filters;
        }
    }

    // ------------------------------------------------------------------ endpoints

    /** Every case for one endpoint: its path, query and header parameters and (for writes) its body. */
    public static List<HostileCase> cases(Target target) {
        List<HostileCase> cases = new ArrayList<>();
        cases.addAll(pathCases(target));
        cases.addAll(parameterCases(target));
        if (target.operation.jsonBody().isPresent() || target.hasSample()) {
            cases.addAll(bodyCases(target));
        } else if (target.operation.takesBody()) {
            cases.addAll(rawBodyCases(target));
        }
        return cases;
    }

    /**
     * The endpoint's request unchanged: its path values, parameters and headers, and its sample body (or, without
     * one, a body built from the OpenAPI request schema) — what a client generated from the document sends.
     */
    public static HostileCase valid(Target target) {
        return request(target, Family.VALID, "as documented", target.withQuery(target.path(), null), null, Set.of(), false);
    }

    static List<HostileCase> pathCases(Target target) {
        List<HostileCase> cases = new ArrayList<>();
        String path = target.path();
        cases.add(request(target, Family.MATRIX_PARAM, "matrix after the path", target.withQuery(path + ";DROP", null),
                "path", BAD_REQUEST, true));
        int second = path.indexOf('/', 1);
        if (second > 0) {
            cases.add(request(target, Family.MATRIX_PARAM, "matrix inside the path",
                    target.withQuery(path.substring(0, second) + ";x=1" + path.substring(second), null), "path", BAD_REQUEST, true));
        }
        for (OpenApi.Parameter parameter : target.operation.parameters("path")) {
            String name = parameter.name();
            String value = target.pathValues.getOrDefault(name, "1");
            cases.add(request(target, Family.NUL, "NUL in path parameter " + name,
                    target.withQuery(target.path(Map.of(name, value + "%00")), null), "path", BAD_REQUEST, true));
            boolean integer = "integer".equals(parameter.schema().path("type").asText());
            // Refused as invalid (400 naming it) or as a resource that cannot exist (404), nothing else.
            cases.add(request(target, Family.OVERLONG, "over-long path parameter " + name,
                    target.withQuery(target.path(Map.of(name, (integer ? "9" : "x").repeat(300))), null), name, Set.of(), true));
            if (integer) {
                cases.add(request(target, Family.EXTREME_NUMBER, "path parameter " + name + " beyond 64 bits",
                        target.withQuery(target.path(Map.of(name, "99999999999999999999")), null), name, Set.of(), true));
                cases.add(request(target, Family.EXTREME_NUMBER, "path parameter " + name + " negative",
                        target.withQuery(target.path(Map.of(name, "-1")), null), name, Set.of(), true));
                cases.add(request(target, Family.FLOAT_FOR_INTEGER, "path parameter " + name + " = 1.5",
                        target.withQuery(target.path(Map.of(name, "1.5")), null), name, Set.of(), true));
            }
        }
        return cases;
    }

    static List<HostileCase> parameterCases(Target target) {
        List<HostileCase> cases = new ArrayList<>();
        String path = target.path();
        for (OpenApi.Parameter parameter : target.operation.parameters("query")) {
            String name = parameter.name();
            cases.add(request(target, Family.NUL, "NUL in query parameter " + name, target.withQuery(path, name + "=a%00b"),
                    name, BAD_REQUEST, true));
            int max = parameter.schema().path("maxLength").asInt(300);
            cases.add(request(target, Family.OVERLONG, "over-long query parameter " + name,
                    target.withQuery(path, name + "=" + "x".repeat(Math.min(max + 1, 3_000))), name, Set.of(), true));
        }
        for (OpenApi.Parameter parameter : target.operation.parameters("header")) {
            String name = parameter.name();
            int max = parameter.schema().path("maxLength").asInt(300);
            Map<String, String> headers = new LinkedHashMap<>(target.headers);
            headers.put(name, "h".repeat(Math.min(max + 1, 3_000)));
            HostileCase template = request(target, Family.OVERLONG, "over-long header " + name, target.withQuery(path, null),
                    name, Set.of(), true);
            cases.add(new HostileCase(template.family(), template.label(), template.method(), template.path(), headers,
                    template.contentType(), template.body(), name, Set.of(), true));
        }
        return cases;
    }

    static List<HostileCase> bodyCases(Target target) {
        List<HostileCase> cases = new ArrayList<>();
        JsonNode schema = target.operation.jsonBody().orElse(NODES.missingNode());
        JsonNode sample = target.sample != null ? target.sample : sampleOf(schema);
        String path = target.withQuery(target.path(), null);
        String text = json(sample);

        boolean required = !target.optionalBody;
        cases.add(body(target, Family.EMPTY_BODY, "empty body", path, JSON, "", "body", BAD_REQUEST, required));
        cases.add(body(target, Family.NULL_BODY, "null body", path, JSON, "null", "body", BAD_REQUEST, required));
        cases.add(body(target, Family.NULL_BODY, "null body with blanks", path, JSON, " null \n", "body", BAD_REQUEST, required));
        for (String garbage : List.of(" {}", " x", "]", "\"tail\"", "{\"a\":1}", " null")) {
            cases.add(body(target, Family.TRAILING_GARBAGE, "after the document: " + garbage.strip(), path, JSON,
                    text + garbage, "body", BAD_REQUEST, true));
        }
        for (String other : List.of("[]", "\"text\"", "5", "true")) {
            cases.add(body(target, Family.WRONG_TYPE, "the body is " + other, path, JSON, other, "body", BAD_REQUEST, true));
        }
        cases.add(body(target, Family.DEEP_NESTING, "the body nested " + DEEP + " deep", path, JSON,
                "[".repeat(DEEP) + "]".repeat(DEEP), "body", BAD_REQUEST, true));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream")) {
            cases.add(body(target, Family.WRONG_CONTENT_TYPE, "Content-Type " + type, path, type, text, null, UNSUPPORTED, true));
        }
        cases.add(body(target, Family.WRONG_CONTENT_TYPE, "no Content-Type", path, null, text, null, UNSUPPORTED,
                !target.undeclaredTypeIsJson));

        if (sample.isObject()) {
            for (Iterator<String> keys = sample.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                String duplicated = "{" + quote(key) + ":" + json(sample.get(key)) + "," + text.substring(1);
                cases.add(body(target, Family.DUPLICATE_KEY, "duplicate " + key, path, JSON, duplicated, key, BAD_REQUEST, true));
            }
        }
        for (Field field : fields(schema, sample)) {
            cases.addAll(fieldCases(target, path, sample, field));
        }
        return cases;
    }

    /** A body that is not JSON (an image upload): wrong declared types, nothing, and bytes that are not the type. */
    static List<HostileCase> rawBodyCases(Target target) {
        List<HostileCase> cases = new ArrayList<>();
        String path = target.withQuery(target.path(), null);
        String declared = target.rawType != null ? target.rawType : target.operation.bodies().keySet().iterator().next();
        cases.add(body(target, Family.WRONG_CONTENT_TYPE, "Content-Type text/plain", path, "text/plain", "abc", null, UNSUPPORTED, true));
        cases.add(body(target, Family.WRONG_CONTENT_TYPE, "Content-Type application/json", path, JSON, "{}", null, UNSUPPORTED, true));
        cases.add(body(target, Family.EMPTY_BODY, "empty " + declared, path, declared, "", null, Set.of(), true));
        cases.add(body(target, Family.WRONG_TYPE, "not a " + declared, path, declared, "GIF89a not an image", null, Set.of(), true));
        cases.add(body(target, Family.NUL, "NUL bytes as " + declared, path, declared, "\u0000\u0000\u0000\u0000", null, Set.of(), true));
        return cases;
    }

    private static List<HostileCase> fieldCases(Target target, String path, JsonNode sample, Field field) {
        List<HostileCase> cases = new ArrayList<>();
        String name = field.name;
        JsonNode schema = field.schema;
        Kind kind = field.kind;
        boolean text = kind == Kind.STRING || kind == Kind.ANY && (field.sample == null || field.sample.isTextual());
        if (text) {
            cases.add(mutated(target, path, sample, field, Family.NUL, "NUL in " + name, NODES.textNode("a\u0000b"), true));
            cases.add(mutated(target, path, sample, field, Family.LONE_SURROGATE, "lone surrogate in " + name,
                    NODES.textNode("x" + SURROGATE), true));
            int max = schema.path("maxLength").asInt(UNBOUNDED - 1);
            cases.add(mutated(target, path, sample, field, Family.OVERLONG, name + " of " + (max + 1) + " characters",
                    NODES.textNode("x".repeat(max + 1)), true));
            for (String unusual : List.of("\u202Egnp.exe", "\uD83D\uDE00\uD83C\uDF89", "e\u0301\u0301\u0301", "\uFEFFx", "שלום")) {
                cases.add(mutated(target, path, sample, field, Family.UNICODE, "unicode in " + name, NODES.textNode(unusual), false));
            }
            if ("date-time".equals(schema.path("format").asText())) {
                for (String date : List.of("+9999999-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "10000-01-01T00:00:00Z",
                        "2026-02-30T10:00:00Z", "2026-01-01", "2026-01-01T10:00:00", "yesterday", "")) {
                    cases.add(mutated(target, path, sample, field, Family.BAD_DATE, name + " = '" + date + "'",
                            NODES.textNode(date), true));
                }
                cases.add(mutated(target, path, sample, field, Family.BAD_DATE, name + " as epoch seconds",
                        NODES.numberNode(1767225600L), true));
            }
        }
        if (field.typed && kind != Kind.ANY) {
            for (Map.Entry<String, JsonNode> other : otherTypes(kind).entrySet()) {
                cases.add(mutated(target, path, sample, field, Family.WRONG_TYPE, name + " as " + other.getKey(), other.getValue(), true));
            }
        }
        if (kind == Kind.INTEGER) {
            cases.add(mutated(target, path, sample, field, Family.FLOAT_FOR_INTEGER, name + " = 1.5", NODES.numberNode(1.5), true));
            cases.add(mutated(target, path, sample, field, Family.FLOAT_FOR_INTEGER, name + " = 2.0", NODES.numberNode(2.0), true));
            cases.add(mutated(target, path, sample, field, Family.EXTREME_NUMBER, name + " beyond 64 bits",
                    NODES.numberNode(new java.math.BigInteger("100000000000000000000")), true));
            JsonNode minimum = schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()
                    ? NODES.numberNode(schema.get("exclusiveMinimum").asLong() + 1) : schema.get("minimum");
            if (minimum != null && minimum.isNumber()) {
                cases.add(mutated(target, path, sample, field, Family.EXTREME_NUMBER, name + " below its minimum",
                        NODES.numberNode(minimum.asLong() - 1), true));
            } else {
                cases.add(mutated(target, path, sample, field, Family.EDGE_NUMBER, name + " = -1", NODES.numberNode(-1), false));
            }
            JsonNode maximum = schema.get("maximum");
            boolean overMaximum = maximum != null && maximum.isNumber() && maximum.asLong() < Long.MAX_VALUE;
            cases.add(mutated(target, path, sample, field, overMaximum ? Family.EXTREME_NUMBER : Family.EDGE_NUMBER,
                    name + " = 2^63-1", NODES.numberNode(Long.MAX_VALUE), overMaximum));
        }
        if (kind == Kind.ARRAY) {
            int max = schema.path("maxItems").asInt(TOO_MANY - 1);
            ArrayNode many = NODES.arrayNode();
            JsonNode element = field.sample != null && field.sample.size() > 0 ? field.sample.get(0) : sampleOf(schema.path("items"));
            for (int i = 0; i <= max; i++) {
                many.add(element.deepCopy());
            }
            cases.add(mutated(target, path, sample, field, Family.OVERLONG, name + " with " + (max + 1) + " entries", many, true));
        }
        if (field.map) {
            int max = schema.path("maxProperties").asInt(TOO_MANY - 1);
            ObjectNode many = NODES.objectNode();
            JsonNode value = field.sample != null && field.sample.size() > 0 ? field.sample.elements().next()
                    : sampleOf(schema.path("additionalProperties"));
            for (int i = 0; i <= max; i++) {
                many.set("k" + i, value.deepCopy());
            }
            cases.add(mutated(target, path, sample, field, Family.OVERLONG, name + " with " + (max + 1) + " entries", many, true));
            ObjectNode nulKey = field.sample != null && field.sample.isObject() ? field.sample.deepCopy() : NODES.objectNode();
            nulKey.set("k\u0000", value.deepCopy());
            cases.add(mutated(target, path, sample, field, Family.NUL, "NUL in a key of " + name, nulKey, true));
            ObjectNode longKey = NODES.objectNode();
            longKey.set("k".repeat(UNBOUNDED), value.deepCopy());
            cases.add(mutated(target, path, sample, field, Family.OVERLONG, "over-long key in " + name, longKey, true));
        }
        if (field.at.size() == 1) {
            // The whole value nested too deep; named by the top-level field.
            cases.add(mutated(target, path, sample, field, Family.DEEP_NESTING, name + " nested " + DEEP + " deep",
                    nested(DEEP), true));
        }
        cases.add(mutated(target, path, sample, field, Family.NULL_VALUE, name + " = null", NODES.nullNode(), false));
        return cases;
    }

    // ------------------------------------------------------------------ lists

    /**
     * Every case for one list: each filter of {@code others} that is not the list's own is unknown to
     * it; each of its filters gets garbled and oversized values.
     */
    public static List<HostileCase> listCases(ListTarget list, Collection<String> others) {
        List<HostileCase> cases = new ArrayList<>();
        String path = list.path();
        Set<String> own = list.filters();
        Set<String> unknown = new TreeSet<>(others);
        unknown.removeAll(own);
        unknown.addAll(List.of("foo", "id", "status", "updated_at[since]", "per_page", "sort", "created_at[from][x]"));
        unknown.removeAll(own);
        for (String name : unknown) {
            String value = name.contains("_at[") ? "2026-01-01T00:00:00.000Z" : "1";
            cases.add(get(Family.UNKNOWN_FILTER, "unknown " + name, path + "?" + name + "=" + value, name));
        }
        for (String range : list.ranges()) {
            for (String end : List.of("[from]", "[to]")) {
                String name = range + end;
                for (String date : List.of("+9999999-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "10000-01-01T00:00:00Z",
                        "-0001-01-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-13-01T00:00:00Z", "yesterday",
                        "1767225600", "2026-01-01T00:00:00%2B99:00")) {
                    cases.add(get(Family.BAD_DATE, name + "=" + date, path + "?" + name + "=" + date, name));
                }
                cases.add(get(Family.BAD_DATE, name + " out of range in a time zone",
                        path + "?time_zone=America/New_York&" + name + "=99999-01-01T00:00:00", name));
                cases.add(get(Family.NUL, "NUL in " + name, path + "?" + name + "=2026-01-01T00:00:00Z%00", name));
            }
        }
        for (String id : list.ids()) {
            String name = id + "[]";
            for (String value : List.of("abc", "1.5", "99999999999999999999", "1,x")) {
                cases.add(get(Family.BAD_PARAMETER, name + "=" + value, path + "?" + name + "=" + value, name));
            }
            cases.add(get(Family.NUL, "NUL in " + name, path + "?" + name + "=1%00", name));
            cases.add(get(Family.OVERLONG, "101 values of " + name, path + "?" + name + "=" + joined(101), name));
            cases.add(get(Family.OVERLONG, "a 256-digit value of " + name, path + "?" + name + "=" + "1".repeat(256), name));
        }
        for (String text : list.texts()) {
            String name = text + "[]";
            cases.add(get(Family.NUL, "NUL in " + name, path + "?" + name + "=a%00b", name));
            cases.add(get(Family.OVERLONG, "a 256-character value of " + name, path + "?" + name + "=" + "x".repeat(256), name));
            cases.add(get(Family.OVERLONG, "101 values of " + name,
                    path + "?" + String.join("&", java.util.Collections.nCopies(101, name + "=x")), name));
            cases.add(new HostileCase(Family.UNICODE, "emoji in " + name, "GET", path + "?" + name + "=%F0%9F%98%80",
                    Map.of(), null, null, name, Set.of(), false));
            cases.add(get(Family.LONE_SURROGATE, "encoded surrogate in " + name, path + "?" + name + "=%ED%A0%80", name, false));
        }
        for (String[] bad : new String[][]{{"page", "0"}, {"page", "-1"}, {"page", "abc"}, {"page", "99999999999"},
                {"page", "1.5"}, {"per", "0"}, {"per", "1001"}, {"per", "abc"}, {"per", "-5"}, {"limit", "0"},
                {"limit", "100000"}, {"sort_column", "nope"}, {"sort_column", "id%3BDROP"}, {"sort_direction", "SIDEWAYS"},
                {"time_zone", "Mars/Olympus_Mons"}, {"cursor", "-1"}, {"cursor", "abc"}}) {
            cases.add(get(Family.BAD_PARAMETER, bad[0] + "=" + bad[1], path + "?" + bad[0] + "=" + bad[1], bad[0]));
        }
        for (String name : List.of("page", "per", "sort_column", "sort_direction", "time_zone")) {
            cases.add(get(Family.NUL, "NUL in " + name, path + "?" + name + "=1%00", name));
        }
        cases.add(get(Family.MATRIX_PARAM, "matrix after the path", path + ";DROP", "path"));
        cases.add(get(Family.MATRIX_PARAM, "matrix with a filter", path + ";id=1?per=1", "path"));
        return cases;
    }

    private static String joined(int count) {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            values.append(i == 1 ? "" : ",").append(i);
        }
        return values.toString();
    }

    private static HostileCase get(Family family, String label, String path, String field) {
        return get(family, label, path, field, true);
    }

    private static HostileCase get(Family family, String label, String path, String field, boolean refused) {
        return new HostileCase(family, label, "GET", path, Map.of(), null, null, field, refused ? BAD_REQUEST : Set.of(), refused);
    }

    // ------------------------------------------------------------------ fields of a body

    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ARRAY, ANY }

    /** A field of the body: its name as problems give it, where it is, what it is. */
    record Field(String name, List<Object> at, Kind kind, JsonNode schema, JsonNode sample, boolean typed, boolean map) {
    }

    static List<Field> fields(JsonNode schema, JsonNode sample) {
        List<Field> fields = new ArrayList<>();
        walk(schema, sample, "", List.of(), true, fields);
        return fields;
    }

    private static void walk(JsonNode schema, JsonNode sample, String prefix, List<Object> at, boolean typed, List<Field> out) {
        JsonNode properties = schema.path("properties");
        Set<String> names = new java.util.LinkedHashSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        if (sample != null && sample.isObject()) {
            sample.fieldNames().forEachRemaining(names::add);
        }
        boolean described = properties.size() > 0;
        for (String name : names) {
            JsonNode fieldSchema = properties.has(name) ? properties.get(name)
                    : described && schema.path("additionalProperties").isObject() ? schema.get("additionalProperties")
                    : NODES.missingNode();
            JsonNode fieldSample = sample == null ? null : sample.get(name);
            boolean fieldTyped = typed && (properties.has(name) || !described);
            Kind kind = properties.has(name) ? kind(fieldSchema) : fieldTyped ? kindOf(fieldSample) : Kind.ANY;
            add(fieldSchema, fieldSample, join(prefix, name), append(at, name), kind, fieldTyped, out);
        }
    }

    private static void add(JsonNode schema, JsonNode sample, String name, List<Object> at, Kind kind, boolean typed,
                            List<Field> out) {
        boolean described = schema.path("properties").size() > 0;
        JsonNode values = schema.path("additionalProperties");
        boolean openValues = values.isObject() || values.isBoolean() && values.asBoolean();
        // A map the schema declares, or a free-form object: its keys are the client's.
        boolean map = kind == Kind.OBJECT && !described && openValues || kind == Kind.ANY && sample != null && sample.isObject();
        out.add(new Field(name, at, kind, schema, sample, typed, map));
        if (at.size() >= 6) {
            return;
        }
        if (kind == Kind.OBJECT && !map) {
            walk(schema, sample != null && sample.isObject() ? sample : NODES.objectNode(), name, at, typed, out);
        } else if (map && sample != null) {
            boolean typedValues = kind == Kind.OBJECT && values.isObject() && values.size() > 0;
            for (Iterator<Map.Entry<String, JsonNode>> entries = sample.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                add(typedValues ? values : NODES.missingNode(), entry.getValue(), join(name, entry.getKey()),
                        append(at, entry.getKey()), typedValues ? kind(values) : Kind.ANY, typed && typedValues, out);
            }
        }
        if (kind == Kind.ANY && sample != null && sample.isArray() && sample.size() > 0) {
            add(NODES.missingNode(), sample.get(0), name + "[0]", append(at, 0), Kind.ANY, false, out);
        }
        if (kind == Kind.ARRAY && sample != null && sample.isArray() && sample.size() > 0) {
            JsonNode items = schema.path("items");
            boolean typedItems = items.isObject() && items.size() > 0;
            add(typedItems ? items : NODES.missingNode(), sample.get(0), name + "[0]", append(at, 0),
                    typedItems ? kind(items) : typed ? kindOf(sample.get(0)) : Kind.ANY, typed, out);
        }
    }

    static Kind kind(JsonNode schema) {
        if (schema.has("oneOf") || schema.has("anyOf")) {
            return Kind.ANY;
        }
        JsonNode type = schema.path("type");
        String name = type.isArray() ? firstNonNull(type) : type.asText("");
        return switch (name) {
            case "string" -> Kind.STRING;
            case "integer" -> Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            case "object" -> schema.path("properties").size() == 0 && !schema.has("additionalProperties") ? Kind.ANY
                    : Kind.OBJECT;
            case "array" -> Kind.ARRAY;
            default -> Kind.ANY;
        };
    }

    private static String firstNonNull(JsonNode types) {
        for (JsonNode type : types) {
            if (!"null".equals(type.asText())) {
                return type.asText();
            }
        }
        return "";
    }

    private static Kind kindOf(JsonNode sample) {
        if (sample == null || sample.isNull()) {
            return Kind.ANY;
        }
        if (sample.isTextual()) {
            return Kind.STRING;
        }
        if (sample.isIntegralNumber()) {
            return Kind.INTEGER;
        }
        if (sample.isNumber()) {
            return Kind.NUMBER;
        }
        if (sample.isBoolean()) {
            return Kind.BOOLEAN;
        }
        return sample.isArray() ? Kind.ARRAY : Kind.OBJECT;
    }

    private static Map<String, JsonNode> otherTypes(Kind kind) {
        Map<String, JsonNode> others = new LinkedHashMap<>();
        if (kind != Kind.STRING) {
            others.put("a string", NODES.textNode(kind == Kind.INTEGER || kind == Kind.NUMBER ? "5" : kind == Kind.BOOLEAN ? "true" : "x"));
        }
        if (kind != Kind.INTEGER && kind != Kind.NUMBER) {
            others.put("a number", NODES.numberNode(5));
        }
        if (kind != Kind.BOOLEAN) {
            others.put("a boolean", NODES.booleanNode(true));
        }
        if (kind != Kind.ARRAY) {
            others.put("an array", NODES.arrayNode().add("x"));
        }
        if (kind != Kind.OBJECT) {
            others.put("an object", NODES.objectNode().put("x", "y"));
        }
        return others;
    }

    /** A value the schema would accept in shape (used where no sample names one). */
    static JsonNode sampleOf(JsonNode schema) {
        return switch (kind(schema)) {
            case STRING -> NODES.textNode("date-time".equals(schema.path("format").asText()) ? "2026-01-01T00:00:00.000Z" : "x");
            case INTEGER, NUMBER -> NODES.numberNode(1);
            case BOOLEAN -> NODES.booleanNode(true);
            case ARRAY -> NODES.arrayNode();
            case OBJECT -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(e -> object.set(e.getKey(), sampleOf(e.getValue())));
                yield object;
            }
            case ANY -> NODES.textNode("x");
        };
    }

    // ------------------------------------------------------------------ building requests

    private static HostileCase mutated(Target target, String path, JsonNode sample, Field field, Family family,
                                       String label, JsonNode value, boolean refused) {
        JsonNode body = set(sample.deepCopy(), field.at, value);
        String field0 = family == Family.DEEP_NESTING ? String.valueOf(field.at.get(0)) : field.name;
        return body(target, family, label, path, JSON, json(body), field0, BAD_REQUEST, refused);
    }

    private static HostileCase body(Target target, Family family, String label, String path, String contentType,
                                    String body, String field, Set<Integer> statuses, boolean refused) {
        return new HostileCase(family, label, target.operation.method(), path, target.headers, contentType,
                body.getBytes(StandardCharsets.UTF_8), field, statuses, refused);
    }

    /** A request with the endpoint's valid body (if it takes one), so only the path or a parameter is wrong. */
    private static HostileCase request(Target target, Family family, String label, String path, String field,
                                       Set<Integer> statuses, boolean refused) {
        if (target.rawSample != null) {
            return new HostileCase(family, label, target.operation.method(), path, target.headers, target.rawType,
                    target.rawSample, field, statuses, refused);
        }
        boolean withBody = target.hasSample() || target.operation.jsonBody().isPresent();
        String sent = withBody ? json(target.sample != null ? target.sample : sampleOf(target.operation.jsonBody().get())) : null;
        return new HostileCase(family, label, target.operation.method(), path, target.headers, sent == null ? null : JSON,
                sent == null ? null : sent.getBytes(StandardCharsets.UTF_8), field, statuses, refused);
    }

    private static JsonNode set(JsonNode root, List<Object> at, JsonNode value) {
        if (at.isEmpty()) {
            return value;
        }
        JsonNode parent = root;
        for (int i = 0; i < at.size() - 1; i++) {
            Object step = at.get(i);
            JsonNode next = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            if (next == null || !next.isContainerNode()) {
                next = at.get(i + 1) instanceof Integer ? NODES.arrayNode() : NODES.objectNode();
                if (step instanceof Integer index) {
                    ((ArrayNode) parent).set(index, next);
                } else {
                    ((ObjectNode) parent).set((String) step, next);
                }
            }
            parent = next;
        }
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer index) {
            ArrayNode array = (ArrayNode) parent;
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return root;
    }

    private static JsonNode nested(int depth) {
        JsonNode value = NODES.arrayNode();
        for (int i = 1; i < depth; i++) {
            value = NODES.arrayNode().add(value);
        }
        return value;
    }

    private static List<Object> append(List<Object> at, Object step) {
        List<Object> longer = new ArrayList<>(at);
        longer.add(step);
        return List.copyOf(longer);
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String quote(String key) {
        return json(NODES.textNode(key));
    }

    /** The JSON text; a placeholder becomes a lone surrogate escape, which no serializer writes on its own. */
    static String json(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).replace(jsonEscaped(SURROGATE), "\\ud800");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jsonEscaped(String text) {
        try {
            String quoted = MAPPER.writeValueAsString(text);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
