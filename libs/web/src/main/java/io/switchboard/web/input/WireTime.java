package io.switchboard.web.input;

import io.switchboard.events.EventCodec;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Every instant a client sends, in one place: ISO-8601 with an offset ({@code 2026-11-21T09:00:00.000Z}),
 * within the years 0001–9999. PostgreSQL stores a wider range, but nothing a contact center sends
 * is outside this one, and a year such as {@code +9999999} would fail in the database instead of at
 * the edge.
 */
public final class WireTime {
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");
    public static final String EXPECTED = "must be an ISO-8601 date-time with offset between the years 0001 and 9999, "
            + "e.g. 2026-11-21T09:00:00.000Z";

    private WireTime() {
    }

    /** The instant {@code text} names; anything else is a 400 naming {@code field}. */
    public static Instant parse(String text, String field) {
        return parse(text, null, field);
    }

    /**
     * As {@link #parse(String, String)}, but a date-time without an offset is read in {@code zone}
     * (when one is given).
     */
    public static Instant parse(String text, ZoneId zone, String field) {
        Instant instant = tryParse(text, zone);
        if (instant == null) {
            throw new InvalidCommandException(field, EXPECTED);
        }
        return instant;
    }

    /** The instant, or null if the text is not one or is out of range. */
    static Instant tryParse(String text, ZoneId zone) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return null;
        }
        String trimmed = text.trim();
        try {
            Instant instant = zone != null && !hasOffset(trimmed)
                    ? LocalDateTime.parse(trimmed).atZone(zone).toInstant()
                    : EventCodec.parseInstant(trimmed);
            return inRange(instant) ? instant : null;
        } catch (RuntimeException e) {
            // DateTimeException, or EventCodec's decoding exception: not a date-time.
            return null;
        }
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    private static boolean hasOffset(String text) {
        return text.endsWith("Z") || text.endsWith("z") || text.matches(".*[+-]\\d{2}:?\\d{2}$");
    }
}
