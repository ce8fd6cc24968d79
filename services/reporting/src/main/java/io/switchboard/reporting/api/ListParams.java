package io.switchboard.reporting.api;

import io.switchboard.events.EventCodec;
import io.switchboard.eventstore.decider.InvalidCommandException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.List;

/**
 * The Manager API's list parameters (contract §1.5, §1.6): {@code page} (1-based), {@code per}
 * (default 100, at most 1000), {@code sort_column}, {@code sort_direction} ({@code ASC}/{@code DESC})
 * and {@code field[from]} / {@code field[to]} ranges and {@code field[]} lists. A bad value is a 400 naming it.
 */
public final class ListParams {
    public static final int DEFAULT_PER = 100;
    public static final int MAX_PER = 1000;

    private final MultivaluedMap<String, String> query;
    public final int page;
    public final int per;
    /** Set when the client tails by change ({@code cursor=0} to start, then the next link's value). */
    public final Long cursor;
    /** The {@code time_zone} parameter, null for UTC. */
    public final java.time.ZoneId zone;

    public ListParams(UriInfo uri) {
        this(uri.getQueryParameters());
    }

    public ListParams(MultivaluedMap<String, String> query) {
        this.query = query;
        this.zone = TimeZones.parse(query.getFirst(TimeZones.PARAM));
        this.page = positive("page", 1, Integer.MAX_VALUE);
        this.per = query.containsKey("per") || !query.containsKey("limit")
                ? positive("per", DEFAULT_PER, MAX_PER) : positive("limit", DEFAULT_PER, MAX_PER);
        this.cursor = cursor();
    }

    private Long cursor() {
        String value = query.getFirst("cursor");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new InvalidCommandException("cursor", "must be a cursor from a Link header, or 0 to start");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidCommandException("cursor", "must be a cursor from a Link header, or 0 to start");
        }
    }

    public long offset() {
        return (long) (page - 1) * per;
    }

    public String sortColumn(String defaultColumn, List<String> allowed) {
        String column = query.getFirst("sort_column");
        if (column == null || column.isBlank()) {
            return defaultColumn;
        }
        if (!allowed.contains(column)) {
            throw new InvalidCommandException("sort_column", "must be one of " + allowed);
        }
        return column;
    }

    public String sortDirection() {
        String direction = query.getFirst("sort_direction");
        if (direction == null || direction.isBlank()) {
            return "ASC";
        }
        if (!direction.equalsIgnoreCase("ASC") && !direction.equalsIgnoreCase("DESC")) {
            throw new InvalidCommandException("sort_direction", "must be ASC or DESC");
        }
        return direction.toUpperCase(java.util.Locale.ROOT);
    }

    public Instant from(String field) {
        return instant(field + "[from]");
    }

    public Instant to(String field) {
        return instant(field + "[to]");
    }

    public List<Long> ids(String field) {
        List<String> values = query.get(field + "[]");
        if (values == null) {
            return List.of();
        }
        try {
            return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim)
                    .filter(v -> !v.isEmpty()).map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new InvalidCommandException(field + "[]", "must be integers");
        }
    }

    public List<String> strings(String field) {
        List<String> values = query.get(field + "[]");
        return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).toList();
    }

    private Instant instant(String name) {
        String value = query.getFirst(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (zone != null && !value.endsWith("Z") && !value.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return java.time.LocalDateTime.parse(value.trim()).atZone(zone).toInstant();
            }
            return EventCodec.parseInstant(value);
        } catch (RuntimeException e) {
            throw new InvalidCommandException(name, "must be an ISO-8601 date-time with offset, e.g. 2026-11-21T09:00:00.000Z");
        }
    }

    private int positive(String name, int defaultValue, int max) {
        String value = query.getFirst(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1 || parsed > max) {
                throw new InvalidCommandException(name, "must be between 1 and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidCommandException(name, "must be a positive integer");
        }
    }
}
