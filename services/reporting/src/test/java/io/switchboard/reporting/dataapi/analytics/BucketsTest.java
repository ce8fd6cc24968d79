package io.switchboard.reporting.dataapi.analytics;

import io.switchboard.reporting.dataapi.fetch.ArgumentProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bucket boundaries on the zone's clock across DST changes, and the arguments' checks (plain Java). */
class BucketsTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aDayIsTheZonesCalendarDay23Or25HoursOnAChange() {
        Buckets days = new Buckets(Buckets.Interval.P1D, NEW_YORK);
        // 2026-11-01: clocks go back at 02:00 EDT → 25 hours
        Instant nov1 = Instant.parse("2026-11-01T04:00:00Z");
        assertThat(days.start(Instant.parse("2026-11-02T04:30:00Z"))).isEqualTo(nov1); // 23:30 EST on Nov 1
        assertThat(days.next(nov1)).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
        // 2026-03-08: clocks go forward at 02:00 EST → 23 hours
        Instant mar8 = Instant.parse("2026-03-08T05:00:00Z");
        assertThat(days.next(mar8)).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
        assertThat(days.aligned(mar8)).isTrue();
        assertThat(days.aligned(Instant.parse("2026-03-08T04:00:00Z"))).isFalse();
    }

    @Test
    void theRepeatedHourIsTwoHourBucketsAndTheSkippedHourNone() {
        Buckets hours = new Buckets(Buckets.Interval.PT1H, NEW_YORK);
        List<Instant> starts = new ArrayList<>();
        for (Instant at = Instant.parse("2026-11-01T04:00:00Z"); at.isBefore(Instant.parse("2026-11-01T09:00:00Z"));
             at = hours.next(at)) {
            starts.add(at);
        }
        // 00:00 EDT, 01:00 EDT, 01:00 EST, 02:00 EST, 03:00 EST
        assertThat(starts).extracting(Instant::toString).containsExactly("2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z",
                "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z");
        assertThat(hours.start(Instant.parse("2026-11-01T06:40:00Z"))).isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
        assertThat(hours.start(Instant.parse("2026-11-01T05:40:00Z"))).isEqualTo(Instant.parse("2026-11-01T05:00:00Z"));
        // spring: 01:00 EST is followed by 03:00 EDT, one hour later
        assertThat(hours.next(Instant.parse("2026-03-08T06:00:00Z"))).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
    }

    @Test
    void quarterHoursFollowTheWallClockEvenAtOddOffsets() {
        Buckets quarters = new Buckets(Buckets.Interval.PT15M, ZoneId.of("Asia/Kathmandu")); // +05:45
        assertThat(quarters.start(Instant.parse("2026-01-01T00:14:59Z"))).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(quarters.start(Instant.parse("2026-01-01T00:15:00Z"))).isEqualTo(Instant.parse("2026-01-01T00:15:00Z"));
        Buckets kolkata = new Buckets(Buckets.Interval.PT1H, ZoneId.of("Asia/Kolkata")); // +05:30
        assertThat(kolkata.start(Instant.parse("2026-01-01T00:10:00Z"))).isEqualTo(Instant.parse("2025-12-31T23:30:00Z"));
    }

    @Test
    void argumentsAreCheckedAndNamed() {
        Map<String, Object> ok = args("P1D", "2026-11-01", "2026-11-03", "America/New_York");
        MetricsRequest request = MetricsRequest.of(ok);
        assertThat(request.from()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(request.to()).isEqualTo(Instant.parse("2026-11-03T05:00:00Z"));
        assertThat(MetricsRequest.of(args("PT1H", "2026-11-01T01:00", "2026-11-01T12:00:00Z", "America/New_York")).from())
                .isEqualTo(Instant.parse("2026-11-01T05:00:00Z"));

        refused(args("P1D", "2026-11-01T10:00:00Z", "2026-11-03", "America/New_York"), "from");
        refused(args("P1D", "2026-11-01", "2026-11-01", "America/New_York"), "to");
        refused(args("P1D", "2026-11-01", "yesterday", "UTC"), "to");
        refused(args("P1D", "2026-11-01", "2026-11-01".repeat(10), "UTC"), "to");
        refused(args("P1D", "2026-11-01", "2026-02-31", "UTC"), "to");
        refused(args("P1D", "2026-11-01", "10000-01-01T00:00:00Z", "UTC"), "to");
        refused(args("P1D", "2026-11-01", "2026-11-02", "Mars/Olympus"), "timeZone");
        refused(args("P1D", "2026-11-01", "2026-11-02", "+05:00"), "timeZone");
        refused(args("P1W", "2026-11-01", "2026-11-02", "UTC"), "interval");
        Map<String, Object> badGroup = args("P1D", "2026-11-01", "2026-11-02", "UTC");
        badGroup.put("groupBy", "PLANET");
        refused(badGroup, "groupBy");
        // the longest ranges: exactly the limit passes, one bucket more is refused
        MetricsRequest.of(args("PT15M", "2026-03-01", "2026-04-01", "America/New_York"));
        refused(args("PT15M", "2026-03-01", "2026-04-01T00:15", "America/New_York"), "to");
        MetricsRequest.of(args("P1D", "2026-01-01", "2027-01-02", "UTC"));
        refused(args("P1D", "2026-01-01", "2027-01-03", "UTC"), "to");
        refused(args("PT1H", "2026-01-01", "2026-04-04", "UTC"), "to");
    }

    private static Map<String, Object> args(String interval, String from, String to, String zone) {
        Map<String, Object> args = new HashMap<>();
        args.put("interval", interval);
        args.put("from", from);
        args.put("to", to);
        args.put("timeZone", zone);
        return args;
    }

    private static void refused(Map<String, Object> args, String argument) {
        assertThatThrownBy(() -> MetricsRequest.of(args)).as(args.toString()).isInstanceOf(ArgumentProblem.class)
                .extracting(e -> ((ArgumentProblem) e).argument()).isEqualTo(argument);
    }
}
