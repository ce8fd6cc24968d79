package io.switchboard.reporting.live;

import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Today's distributions of the call-segment metrics (IVR, queue, handle, talk, hold time), read from
 * {@code call_measures}: the durations the calls projection stored through {@code CallMetricsCalculator}, so a
 * call counts where the Manager API shows the metric and nowhere else. One statement over the day's calls (the
 * {@code call_measures_created} index).
 */
@ApplicationScoped
public class SegmentDistributions {
    /** The JSON name of each metric and its column. */
    private static final List<String[]> METRICS = List.of(new String[] {"ivr", "ivr_ms"},
            new String[] {"queue", "queue_ms"}, new String[] {"handle", "handle_ms"}, new String[] {"talk", "talk_ms"},
            new String[] {"hold", "hold_ms"});
    /** Upper bounds of the buckets, seconds; a last bucket holds the rest. */
    public static final List<Integer> BOUNDS = List.of(10, 20, 30, 60, 120, 300, 600, 1800);

    private static final String SQL = sql();

    private final DataSource dataSource;
    private final Clock clock;

    public SegmentDistributions(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private static String sql() {
        StringJoiner columns = new StringJoiner(",\n ");
        for (String[] metric : METRICS) {
            String col = metric[1];
            columns.add("count(" + col + ")");
            columns.add("percentile_cont(0.5) WITHIN GROUP (ORDER BY " + col + ")");
            columns.add("percentile_cont(0.9) WITHIN GROUP (ORDER BY " + col + ")");
            columns.add("max(" + col + ")");
            for (int bound : BOUNDS) {
                columns.add("count(*) FILTER (WHERE " + col + " <= " + bound * 1000L + ")");
            }
        }
        return "SELECT " + columns + " FROM call_measures WHERE partner_id = ? AND created_at >= ? AND created_at < ?";
    }

    /** The calls created since the last midnight in that zone, up to now. */
    public LiveDistributions today(String partnerId, ZoneId zone) throws SQLException {
        Instant now = clock.instant();
        Instant from = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        return between(partnerId, zone, from, now);
    }

    public LiveDistributions between(String partnerId, ZoneId zone, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SQL)) {
            Sql.bind(c, s, partnerId, from, to);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                List<LiveDistributions.Distribution> d = new ArrayList<>();
                int column = 1;
                for (int m = 0; m < METRICS.size(); m++) {
                    long count = rs.getLong(column++);
                    Double p50 = seconds(rs, column++);
                    Double p90 = seconds(rs, column++);
                    Double max = seconds(rs, column++);
                    List<LiveDistributions.Bucket> buckets = new ArrayList<>();
                    long below = 0;
                    for (int bound : BOUNDS) {
                        long upTo = rs.getLong(column++);
                        buckets.add(new LiveDistributions.Bucket(bound, upTo - below));
                        below = upTo;
                    }
                    buckets.add(new LiveDistributions.Bucket(null, count - below));
                    d.add(new LiveDistributions.Distribution(count, p50, p90, max, List.copyOf(buckets)));
                }
                return new LiveDistributions(from, to, zone.getId(),
                        new LiveDistributions.Metrics(d.get(0), d.get(1), d.get(2), d.get(3), d.get(4)));
            }
        }
    }

    /** Milliseconds to seconds with three decimals (a percentile may fall between two calls). */
    private static Double seconds(ResultSet rs, int column) throws SQLException {
        double millis = rs.getDouble(column);
        if (rs.wasNull()) {
            return null;
        }
        return BigDecimal.valueOf(millis).movePointLeft(3).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
