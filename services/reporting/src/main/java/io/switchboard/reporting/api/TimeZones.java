package io.switchboard.reporting.api;

import io.switchboard.events.EventCodec;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional {@code time_zone} parameter (an IANA zone such as {@code America/New_York}): times in
 * the response are rendered in that zone with their offset, and range filters without an offset are
 * read in it. Without it everything is UTC ({@code …Z}).
 */
final class TimeZones {
    static final String PARAM = "time_zone";
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private TimeZones() {
    }

    static ZoneId parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new InvalidCommandException(PARAM, "must be an IANA time zone, e.g. America/New_York");
        }
    }

    /** A copy of the JSON with every {@code *_at} time rendered in the zone; unchanged without one. */
    @SuppressWarnings("unchecked")
    static Object render(Object json, ZoneId zone) {
        if (zone == null) {
            return json;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(item -> render(item, zone)).toList();
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, value) -> copy.put(key,
                    key.endsWith("_at") && value instanceof String text ? inZone(text, zone) : render(value, zone)));
            return copy;
        }
        return json;
    }

    private static String inZone(String utc, ZoneId zone) {
        Instant instant = EventCodec.parseInstant(utc);
        return WITH_OFFSET.format(instant.atZone(zone));
    }
}
