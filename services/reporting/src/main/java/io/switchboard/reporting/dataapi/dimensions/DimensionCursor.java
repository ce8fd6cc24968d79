package io.switchboard.reporting.dataapi.dimensions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The position after a row of a dimension list: the list it belongs to, the row's key (an id, or an intent's name)
 * and its partner — the list's order, unique and fixed, so following cursors never repeats or skips a row while
 * rows are added or changed. Opaque to clients (base64url of {@code d1|list|partner|key}); a cursor of another
 * list, or one this service did not make, is refused.
 */
public record DimensionCursor(String list, String partnerId, String key) {
    public static final int MAX_LENGTH = 1_000;
    static final Set<String> LISTS = Set.of("agents", "teams", "menus", "virtual_agents", "intents");

    public String encode() {
        String text = "d1|" + list + "|" + partnerId + "|" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The key as an id; only for the lists keyed by id (every list but intents). */
    public long id() {
        return Long.parseLong(key);
    }

    /** The cursor, or null when the text is not a cursor of {@code list} this service made. */
    public static DimensionCursor decode(String text, String list) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 4);
            if (parts.length != 4 || !parts[0].equals("d1") || !parts[1].equals(list) || !LISTS.contains(list)
                    || parts[2].isEmpty() || parts[2].length() > 64 || parts[3].isEmpty()) {
                return null;
            }
            if (!list.equals("intents") && (!parts[3].matches("[1-9][0-9]{0,17}"))) {
                return null;
            }
            return new DimensionCursor(list, parts[2], parts[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
