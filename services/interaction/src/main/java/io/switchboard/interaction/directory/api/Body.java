package io.switchboard.interaction.directory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.directory.domain.Patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A JSON request body read field by field, so that a PATCH can tell a missing field (leave it) from
 * an explicit {@code null} (clear it), and a value of the wrong type is a 400 naming the field. Every
 * value read is within a size limit: strings {@value #TEXT_MAX} characters ({@code avatar_url}
 * {@value #URL_MAX}), lists {@value #LIST_MAX} entries; the deciders add their own, tighter rules
 * (names 100 characters, e-mail addresses 254).
 */
public final class Body {
    static final int TEXT_MAX = 255;
    static final int URL_MAX = 2_048;
    static final int LIST_MAX = 100;
    private static final Map<String, Integer> TEXT_LIMITS = Map.of("avatar_url", URL_MAX);

    private final JsonNode json;

    private Body(JsonNode json) {
        this.json = json;
    }

    public static Body of(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidCommandException("body", "the request body must be a JSON object");
        }
        return new Body(json);
    }

    public boolean has(String field) {
        return json.has(field);
    }

    public String text(String field) {
        return text(json.get(field), field);
    }

    public Long id(String field) {
        return id(json.get(field), field);
    }

    public List<String> strings(String field) {
        return list(field, (node, at) -> text(node, at));
    }

    /** Referenced entities as {@code [{"id": 1}, …]} (the response's shape) or plain ids {@code [1, …]}. */
    public List<Long> refIds(String field) {
        return list(field, (node, at) -> node != null && node.isObject() ? id(node.get("id"), at + ".id") : id(node, at));
    }

    /** Menu team assignments: {@code [{"team": {"id": 1}}, …]} as answered, or {@code [{"team_id": 1}]}. */
    public List<Long> teamAssignmentIds(String field) {
        return list(field, (node, at) -> {
            if (node == null || !node.isObject()) {
                throw new InvalidCommandException(at, at + " must be an object with a team");
            }
            JsonNode team = node.get("team");
            return team != null && team.isObject() ? id(team.get("id"), at + ".team.id") : id(node.get("team_id"), at + ".team_id");
        });
    }

    public <T> Patch<T> patch(String field, java.util.function.Function<String, T> read) {
        return has(field) ? Patch.of(read.apply(field)) : null;
    }

    private <T> List<T> list(String field, BiFunction<JsonNode, String, T> element) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidCommandException(field, field + " must be an array");
        }
        if (node.size() > LIST_MAX) {
            throw new InvalidCommandException(field, field + " has at most " + LIST_MAX + " entries");
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(element.apply(node.get(i), field + "[" + i + "]"));
        }
        return values;
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidCommandException(field, field + " must be a string");
        }
        int max = TEXT_LIMITS.getOrDefault(field, TEXT_MAX);
        if (node.textValue().length() > max) {
            throw new InvalidCommandException(field, field + " is at most " + max + " characters");
        }
        return node.textValue();
    }

    private static Long id(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        // 1.5 and 1.0 alike: an id is an integer on the wire, never a number that happens to be whole.
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidCommandException(field, field + " must be an integer id");
        }
        long value = node.asLong();
        if (value <= 0) {
            throw new InvalidCommandException(field, field + " must be a positive integer id");
        }
        return value;
    }
}
