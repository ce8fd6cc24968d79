package io.switchboard.events.interaction;

import io.switchboard.events.FieldChange;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one reader of the version 1 update events, which carried the new values only as display text: a
 * list as {@code [a,b]}, an id as its digits. Nothing else reads {@code FieldChange} text back.
 */
final class V1Text {
    private V1Text() {
    }

    /** Field (JSON name) → new value, the last change of a field winning; {@code typed} reads the non-text ones. */
    static Map<String, Object> after(List<FieldChange> changes, Map<String, Function<String, Object>> typed) {
        Map<String, Object> after = new LinkedHashMap<>();
        for (FieldChange change : changes) {
            String text = change.current();
            Function<String, Object> read = typed.get(change.field());
            after.put(change.field(), text == null || read == null ? text : read.apply(text));
        }
        return Collections.unmodifiableMap(after);
    }

    static Object strings(String text) {
        if (text.length() < 2 || text.equals("[]")) {
            return List.of();
        }
        return Arrays.stream(text.substring(1, text.length() - 1).split(",")).map(String::strip).toList();
    }

    static Object longs(String text) {
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) strings(text);
        return strings.stream().map(Long::valueOf).toList();
    }

    static Object id(String text) {
        return Long.valueOf(text.strip());
    }
}
