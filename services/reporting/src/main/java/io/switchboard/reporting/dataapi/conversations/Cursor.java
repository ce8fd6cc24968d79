package io.switchboard.reporting.dataapi.conversations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The position after a conversation in a list: its creation time, channel, id and partner — the list's order, a
 * unique key that never changes once a conversation was created, so pages stay stable while data changes.
 * Opaque to clients (base64url of {@code v1|micros|channel|id|partner}); a cursor that does not decode is refused.
 */
public record Cursor(long createdMicros, String channel, long id, String partnerId) {
    private static final int MAX_LENGTH = 200;

    public String encode() {
        String text = "v1|" + createdMicros + "|" + channel + "|" + id + "|" + partnerId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public Instant createdAt() {
        return Instant.ofEpochSecond(Math.floorDiv(createdMicros, 1_000_000L),
                Math.floorMod(createdMicros, 1_000_000L) * 1000L);
    }

    public static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000L);
    }

    /** The cursor, or null when the text is not one this service made. */
    public static Cursor decode(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 5);
            if (parts.length != 5 || parts[4].isEmpty() || parts[4].length() > 64 || !parts[0].equals("v1")
                    || !(parts[2].equals(ConversationId.CALL) || parts[2].equals(ConversationId.CHAT))) {
                return null;
            }
            long micros = Long.parseLong(parts[1]);
            long id = Long.parseLong(parts[3]);
            // Within the years PostgreSQL and Instant share (0001–9999).
            if (micros < -62_135_596_800_000_000L || micros > 253_402_300_799_999_999L || id < 1) {
                return null;
            }
            return new Cursor(micros, parts[2], id, parts[4]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
