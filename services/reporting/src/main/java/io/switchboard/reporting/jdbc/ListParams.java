package io.switchboard.reporting.jdbc;

import io.switchboard.events.WireTime;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.web.input.JsonPaths;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The Manager API's list parameters (docs/api/manager.md#paging, #sorting-and-filters): {@code page} (1-based), {@code per}
 * (default 100, at most 1000; {@code limit} is an alias), {@code sort_column}, {@code sort_direction}
 * ({@code ASC}/{@code DESC}), {@code cursor}, {@code time_zone}, and the list's filters:
 * {@code field[from]} / {@code field[to]} ranges and {@code field[]} lists. A bad value is a 400 naming it.
 *
 * <p>A list reads its filters through this object, which remembers each name asked for; a parameter
 * no one asked for is not a filter of that list, and {@link #rejectUnknown()} makes it a 400 instead of
 * a silently unfiltered answer.
 */
public final class ListParams {
    public static final int DEFAULT_PER = 100;
    public static final int MAX_PER = 1000;
    /** Values of one list filter ({@code id[]=1,2&id[]=3} is three). */
    public static final int MAX_VALUES = 100;
    /** Characters of one filter value. */
    public static final int MAX_VALUE_LENGTH = 255;
    /**
     * An IANA zone such as {@code America/New_York}: range filters without an offset are read in it, and
     * the response's times are rendered in it with their offset (the API's serializer). Absent: UTC.
     */
    public static final String TIME_ZONE = "time_zone";
    private static final Set<String> PAGING = Set.of("page", "per", "limit", "cursor", "sort_column", "sort_direction",
            TIME_ZONE);

    private final MultivaluedMap<String, String> query;
    private final Set<String> asked = new java.util.HashSet<>(PAGING);
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
        this.zone = zone(query.getFirst(TIME_ZONE));
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

    /** The {@code time_zone} parameter's zone, null when absent; an unknown zone is a 400 naming it. */
    public static java.time.ZoneId zone(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.ZoneId.of(value.trim());
        } catch (java.time.DateTimeException e) {
            throw new InvalidCommandException(TIME_ZONE, "must be an IANA time zone, e.g. America/New_York");
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
        String name = field + "[]";
        List<String> values = values(name, true);
        try {
            return values.stream().map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new InvalidCommandException(name, "must be integers");
        }
    }

    public List<String> strings(String field) {
        // Not split at commas: names may hold them.
        return values(field + "[]", false);
    }

    /**
     * 400 naming the first parameter no filter of the list asked for. Call it once the list has read
     * its filters; before, every filter is unknown.
     */
    public void rejectUnknown() {
        for (String name : query.keySet()) {
            if (!asked.contains(name)) {
                List<String> filters = asked.stream().filter(known -> !PAGING.contains(known)).sorted().toList();
                throw new InvalidCommandException(JsonPaths.printable(name),
                        "is not a parameter of this list; its filters are " + filters);
            }
        }
    }

    /** A list filter's values: repeated (and comma-separated if {@code split}), blanks dropped, within the limits. */
    private List<String> values(String name, boolean split) {
        asked.add(name);
        List<String> given = query.get(name);
        if (given == null) {
            return List.of();
        }
        List<String> values = split
                ? given.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim)
                        .filter(v -> !v.isEmpty()).toList()
                : given.stream().filter(v -> !v.isBlank()).toList();
        if (values.size() > MAX_VALUES) {
            throw new InvalidCommandException(name, "takes at most " + MAX_VALUES + " values");
        }
        if (values.stream().anyMatch(v -> v.length() > MAX_VALUE_LENGTH)) {
            throw new InvalidCommandException(name, "values are at most " + MAX_VALUE_LENGTH + " characters");
        }
        return values;
    }

    private Instant instant(String name) {
        asked.add(name);
        String value = query.getFirst(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant = WireTime.tryParse(value, zone);
        if (instant == null) {
            throw new InvalidCommandException(name, WireTime.EXPECTED);
        }
        return instant;
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
