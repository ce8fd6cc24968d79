package io.switchboard.web.input;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Limits for a free-form JSON value (maps, lists and strings as Jackson reads them, or a
 * {@code JsonNode}); {@link BoundedJson} applies them as a constraint, code that builds such a value
 * itself (e.g. from a verified token) calls {@link #check(Object)}.
 */
public record JsonLimits(int maxEntries, int maxKeyLength, int maxStringLength, int maxDepth) {

    /** The first entry beyond a limit: its path inside the value ({@code ""} for the value itself) and why. */
    public record Violation(String path, String message) {
    }

    public static JsonLimits of(BoundedJson annotation) {
        return new JsonLimits(annotation.maxEntries(), annotation.maxKeyLength(), annotation.maxStringLength(),
                annotation.maxDepth());
    }

    public Optional<Violation> check(Object value) {
        return Optional.ofNullable(check(value, "", 0));
    }

    private Violation check(Object value, String path, int depth) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return text.length() > maxStringLength ? new Violation(path, "is at most " + maxStringLength + " characters") : null;
        }
        if (value instanceof JsonNode node) {
            return checkNode(node, path, depth);
        }
        if (value instanceof Map<?, ?> map) {
            Violation container = container(map.size(), path, depth);
            if (container != null) {
                return container;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (key.length() > maxKeyLength) {
                    return new Violation(path, "has a key longer than " + maxKeyLength + " characters");
                }
                Violation inside = check(entry.getValue(), join(path, key), depth + 1);
                if (inside != null) {
                    return inside;
                }
            }
            return null;
        }
        if (value instanceof List<?> list) {
            Violation container = container(list.size(), path, depth);
            if (container != null) {
                return container;
            }
            for (int i = 0; i < list.size(); i++) {
                Violation inside = check(list.get(i), path + "[" + i + "]", depth + 1);
                if (inside != null) {
                    return inside;
                }
            }
        }
        return null;
    }

    private Violation checkNode(JsonNode node, String path, int depth) {
        if (node.isTextual()) {
            return check(node.textValue(), path, depth);
        }
        if (!node.isContainerNode()) {
            return null;
        }
        Violation container = container(node.size(), path, depth);
        if (container != null) {
            return container;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Violation inside = checkNode(node.get(i), path + "[" + i + "]", depth + 1);
                if (inside != null) {
                    return inside;
                }
            }
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().length() > maxKeyLength) {
                return new Violation(path, "has a key longer than " + maxKeyLength + " characters");
            }
            Violation inside = checkNode(field.getValue(), join(path, field.getKey()), depth + 1);
            if (inside != null) {
                return inside;
            }
        }
        return null;
    }

    private Violation container(int size, String path, int depth) {
        if (depth >= maxDepth) {
            return new Violation(path, "nests deeper than " + maxDepth + " levels");
        }
        return size > maxEntries ? new Violation(path, "has more than " + maxEntries + " entries") : null;
    }

    private static String join(String path, String key) {
        String printable = JsonPaths.printable(key);
        return path.isEmpty() ? printable : path + "." + printable;
    }
}
