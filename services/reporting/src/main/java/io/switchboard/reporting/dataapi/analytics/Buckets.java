package io.switchboard.reporting.dataapi.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Calendar buckets of an interval in a time zone: a bucket starts where the zone's wall clock shows a multiple of
 * the interval (a quarter hour, an hour, midnight), so a day bucket is 23 or 25 hours long on a DST change and the
 * repeated hour of an autumn change is two hour buckets (each with its own UTC start). Pure.
 */
public record Buckets(Interval interval, ZoneId zone) {

    /** The bucket sizes, with the longest range each may cover (in the zone's calendar days). */
    public enum Interval {
        PT15M(Duration.ofMinutes(15), 31),
        PT1H(Duration.ofHours(1), 92),
        P1D(Duration.ofDays(1), 366);

        private final Duration length;
        private final int maxDays;

        Interval(Duration length, int maxDays) {
            this.length = length;
            this.maxDays = maxDays;
        }

        public int maxDays() {
            return maxDays;
        }
    }

    /** The start of the bucket holding this instant. */
    public Instant start(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (interval == Interval.P1D) {
            return local.toLocalDate().atStartOfDay(zone).toInstant();
        }
        LocalDateTime wall = local.toLocalDateTime().truncatedTo(ChronoUnit.HOURS);
        if (interval == Interval.PT15M) {
            wall = wall.plusMinutes(local.getMinute() / 15 * 15L);
        }
        // The offset in force at the instant: the second pass of a repeated hour keeps its own (later) start.
        Instant start = ZonedDateTime.ofLocal(wall, zone, local.getOffset()).toInstant();
        return start.isAfter(at) ? ZonedDateTime.ofLocal(wall, zone, null).toInstant() : start;
    }

    /** The start of the bucket after the one starting at {@code start}. */
    public Instant next(Instant start) {
        if (interval == Interval.P1D) {
            return start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        }
        Instant next = start(start.plus(interval.length));
        return next.isAfter(start) ? next : start.plus(interval.length);
    }

    public boolean aligned(Instant at) {
        return start(at).equals(at);
    }

    /** Whether [from, to) spans at most the interval's {@link Interval#maxDays()} calendar days of the zone. */
    public boolean withinLimit(Instant from, Instant to) {
        return !to.isAfter(from.atZone(zone).plusDays(interval.maxDays).toInstant());
    }
}
