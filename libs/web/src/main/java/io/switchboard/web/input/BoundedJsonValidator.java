package io.switchboard.web.input;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Walks a free-form value and reports the first entry beyond a {@link BoundedJson} limit. */
public class BoundedJsonValidator implements ConstraintValidator<BoundedJson, Object> {
    private BoundedJson limits;

    @Override
    public void initialize(BoundedJson limits) {
        this.limits = limits;
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        Violation violation = check(value, "", 0);
        if (violation == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
        if (!violation.path().isEmpty()) {
            hibernate.withDynamicPayload(violation.path());
        }
        hibernate.buildConstraintViolationWithTemplate(violation.message().replace("{", "\\{").replace("}", "\\}")
                        .replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }

    private record Violation(String path, String message) {
    }

    private Violation check(Object value, String path, int depth) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return text.length() > limits.maxStringLength()
                    ? new Violation(path, "is at most " + limits.maxStringLength() + " characters") : null;
        }
        if (value instanceof JsonNode node) {
            return checkNode(node, path, depth);
        }
        if (depth >= limits.maxDepth() && (value instanceof Map || value instanceof List)) {
            return new Violation(path, "nests deeper than " + limits.maxDepth() + " levels");
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() > limits.maxEntries()) {
                return new Violation(path, "has more than " + limits.maxEntries() + " entries");
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (key.length() > limits.maxKeyLength()) {
                    return new Violation(path, "has a key longer than " + limits.maxKeyLength() + " characters");
                }
                Violation inside = check(entry.getValue(), join(path, key), depth + 1);
                if (inside != null) {
                    return inside;
                }
            }
            return null;
        }
        if (value instanceof List<?> list) {
            if (list.size() > limits.maxEntries()) {
                return new Violation(path, "has more than " + limits.maxEntries() + " entries");
            }
            for (int i = 0; i < list.size(); i++) {
                Violation inside = check(list.get(i), path + "[" + i + "]", depth + 1);
                if (inside != null) {
                    return inside;
                }
            }
            return null;
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
        if (depth >= limits.maxDepth()) {
            return new Violation(path, "nests deeper than " + limits.maxDepth() + " levels");
        }
        if (node.size() > limits.maxEntries()) {
            return new Violation(path, "has more than " + limits.maxEntries() + " entries");
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
            if (field.getKey().length() > limits.maxKeyLength()) {
                return new Violation(path, "has a key longer than " + limits.maxKeyLength() + " characters");
            }
            Violation inside = checkNode(field.getValue(), join(path, field.getKey()), depth + 1);
            if (inside != null) {
                return inside;
            }
        }
        return null;
    }

    private static String join(String path, String key) {
        String printable = JsonPaths.printable(key);
        return path.isEmpty() ? printable : path + "." + printable;
    }
}
