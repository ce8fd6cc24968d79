package io.switchboard.web.input;

import com.fasterxml.jackson.core.JsonStreamContext;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The field a parser stands on, in the notation {@code errors[].field} uses: JSON names joined by
 * dots, array positions in brackets ({@code chat.transcript.messages[0].text}); the document
 * itself is {@code body}.
 */
public final class JsonPaths {
    /** A key is echoed at most this long: the client sent it, the problem only has to point at it. */
    private static final int MAX_ECHOED_NAME = 64;

    private JsonPaths() {
    }

    public static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.push("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            } else if (at.inObject() && at.getCurrentName() != null) {
                parts.push("." + printable(at.getCurrentName()));
            }
        }
        if (parts.isEmpty()) {
            return "body";
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /**
     * The outermost field on the way to where the parser stands ({@code chat} for
     * {@code chat.context.a.b}): for limits of the whole structure, such as nesting depth.
     */
    public static String top(JsonStreamContext context) {
        JsonStreamContext outermost = null;
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            outermost = at;
        }
        if (outermost == null) {
            return "body";
        }
        if (outermost.inArray()) {
            // A body that is an array: its depth is the body's.
            return "body";
        }
        return outermost.getCurrentName() == null ? "body" : printable(outermost.getCurrentName());
    }

    /** A name as it can be shown back: control characters spelled out, cut after 64 characters. */
    public static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < MAX_ECHOED_NAME; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() < name.length() && out.length() >= MAX_ECHOED_NAME ? out + "…" : out.toString();
    }
}
