package io.switchboard.reporting.dataapi.analytics;

import io.switchboard.events.WireTime;
import io.switchboard.reporting.dataapi.fetch.ArgumentProblem;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The arguments of {@code getConversationMetrics}, checked: an IANA zone, bounds on the zone's bucket boundaries, a
 * range no longer than the interval allows. Anything else is an {@link ArgumentProblem} naming the argument. Pure.
 */
public record MetricsRequest(Buckets buckets, Instant from, Instant to, Grouping groupBy, String channel) {
    static final int MAX_TIME_TEXT = 64;
    static final int MAX_ZONE_TEXT = 64;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** What rows are grouped by; which conversations know each is in the schema's description. */
    public enum Grouping {
        CHANNEL, MENU, AGENT, TEAM, INTENT
    }

    public static MetricsRequest of(Map<String, Object> args) {
        ZoneId zone = zone(args.get("timeZone"));
        Buckets.Interval interval = enumArg(Buckets.Interval.class, args.get("interval"), "interval");
        if (interval == null) {
            throw new ArgumentProblem("interval", "is required: PT15M, PT1H or P1D");
        }
        Buckets buckets = new Buckets(interval, zone);
        Instant from = time(args.get("from"), zone, "from", buckets);
        Instant to = time(args.get("to"), zone, "to", buckets);
        if (!to.isAfter(from)) {
            throw new ArgumentProblem("to", "must be after from");
        }
        if (!buckets.withinLimit(from, to)) {
            throw new ArgumentProblem("to", "is more than " + interval.maxDays() + " days after from: a " + interval
                    + " interval covers at most " + interval.maxDays() + " days (PT15M 31, PT1H 92, P1D 366)");
        }
        Grouping groupBy = enumArg(Grouping.class, args.get("groupBy"), "groupBy");
        Object channel = args.get("channel");
        if (channel != null && !"CALL".equals(channel) && !"CHAT".equals(channel)) {
            throw new ArgumentProblem("channel", "must be CALL or CHAT");
        }
        return new MetricsRequest(buckets, from, to, groupBy, (String) channel);
    }

    private static ZoneId zone(Object value) {
        String text = value == null ? "UTC" : value.toString();
        if (text.isEmpty() || text.length() > MAX_ZONE_TEXT || !ZoneId.getAvailableZoneIds().contains(text)) {
            throw new ArgumentProblem("timeZone", "must be an IANA time zone, e.g. America/New_York or UTC");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new ArgumentProblem("timeZone", "must be an IANA time zone, e.g. America/New_York or UTC");
        }
    }

    private static Instant time(Object value, ZoneId zone, String name, Buckets buckets) {
        if (value == null) {
            throw new ArgumentProblem(name, "is required");
        }
        String text = value.toString().trim();
        Instant at = null;
        if (text.length() <= MAX_TIME_TEXT) {
            if (DATE.matcher(text).matches()) {
                try {
                    at = LocalDate.parse(text).atStartOfDay(zone).toInstant();
                } catch (DateTimeException e) {
                    at = null;
                }
            } else {
                at = WireTime.tryParse(text, zone);
            }
        }
        if (at == null || !WireTime.inRange(at)) {
            throw new ArgumentProblem(name, "must be a date (2026-11-01, midnight in timeZone), a local date-time read in "
                    + "timeZone (2026-11-01T08:00) or one with an offset (2026-11-01T12:00:00Z), years 0001 to 9999");
        }
        if (!buckets.aligned(at)) {
            throw new ArgumentProblem(name, "must be the start of a " + buckets.interval() + " bucket in " + buckets.zone()
                    + " (a quarter hour, an hour or midnight on the zone's clock), e.g. "
                    + WireTime.format(buckets.start(at), buckets.zone()));
        }
        return at;
    }

    private static <E extends Enum<E>> E enumArg(Class<E> type, Object value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toString());
        } catch (IllegalArgumentException e) {
            throw new ArgumentProblem(name, "is not one of the allowed values");
        }
    }
}
