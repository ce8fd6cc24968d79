package io.switchboard.reporting.live.feed;

import io.switchboard.consumer.retention.BatchedPurge;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The feed's queries. Every read stops below {@code pg_snapshot_xmin(pg_current_snapshot())}: every transaction
 * with a smaller id has ended, so no row can still commit below a cursor handed out (the price: a transaction that
 * runs long anywhere on the database server holds the stream back until it ends).
 */
public final class FeedStore {
    private static final String VISIBLE = " AND xid < pg_snapshot_xmin(pg_current_snapshot())";
    private static final String PAGE = "SELECT xid::text, seq, kind, body::text,"
            + " (SELECT before_xid > ?::text::xid8 FROM live_feed_purged) AS purged"
            + " FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT xid, seq, kind, body FROM live_feed"
            + " WHERE partner_id = ? AND (partner_id, xid, seq) > (?, ?::text::xid8, ?)" + VISIBLE
            + " AND (partner_id, xid, seq) <= (?, ?::text::xid8, ?)"
            + " ORDER BY partner_id, xid, seq LIMIT ?) f ON true ORDER BY f.xid, f.seq";
    private static final String HEAD = "SELECT xid::text, seq FROM live_feed WHERE partner_id = ?" + VISIBLE
            + " ORDER BY partner_id DESC, xid DESC, seq DESC LIMIT 1";

    private final DataSource dataSource;

    public FeedStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rows of a page, and whether rows after the cursor may have been purged (the cursor is too old). */
    public record Page(List<FeedRow> rows, boolean tooOld) {
    }

    /** The partner's newest readable row, START if none. */
    public FeedCursor head(String partner) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(HEAD)) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new FeedCursor(Long.parseLong(rs.getString(1)), rs.getLong(2)) : FeedCursor.START;
            }
        }
    }

    /** Up to {@code limit} readable rows of the partner after {@code after}, in cursor order. */
    public Page after(String partner, FeedCursor after, int limit) throws SQLException {
        return between(partner, after, new FeedCursor(Long.MAX_VALUE, Long.MAX_VALUE), limit);
    }

    /** Up to {@code limit} readable rows of the partner after {@code after} up to {@code upTo} included. */
    public Page between(String partner, FeedCursor after, FeedCursor upTo, int limit) throws SQLException {
        List<FeedRow> rows = new ArrayList<>();
        boolean tooOld;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PAGE)) {
            s.setString(1, Long.toString(after.xid()));
            s.setString(2, partner);
            s.setString(3, partner);
            s.setString(4, Long.toString(after.xid()));
            s.setLong(5, after.seq());
            s.setString(6, partner);
            s.setString(7, Long.toUnsignedString(upTo.xid()));
            s.setLong(8, upTo.seq());
            s.setInt(9, limit);
            try (ResultSet rs = s.executeQuery()) {
                tooOld = false;
                while (rs.next()) {
                    tooOld = rs.getBoolean(5);
                    if (rs.getString(1) != null) {
                        rows.add(new FeedRow(new FeedCursor(Long.parseLong(rs.getString(1)), rs.getLong(2)), partner,
                                rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        return new Page(rows, tooOld);
    }

    /** Whether rows after this cursor may have been purged. */
    public boolean tooOld(FeedCursor cursor) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT before_xid > ?::text::xid8 FROM live_feed_purged")) {
            s.setString(1, Long.toString(cursor.xid()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Deletes the rows written before {@code horizon}. It cuts at a transaction id rather than a time, so that
     * "too old to resume" is exact: first the mark moves up to the oldest transaction that wrote a row at or after
     * the horizon (or to the xmin horizon if none did), then every row below the mark goes, in batches of
     * {@code batch} rows (libs/consumer's {@link BatchedPurge}).
     */
    public long purge(Instant horizon, int batch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE live_feed_purged SET before_xid = greatest(before_xid, least(
                    (SELECT min(xid) FROM live_feed WHERE at >= ?), pg_snapshot_xmin(pg_current_snapshot())))""")) {
            s.setTimestamp(1, Timestamp.from(horizon));
            s.executeUpdate();
        }
        return BatchedPurge.drain((ignored, limit) -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "DELETE FROM live_feed WHERE ctid = ANY (ARRAY(SELECT ctid FROM live_feed"
                            + " WHERE xid < (SELECT before_xid FROM live_feed_purged) LIMIT ?))")) {
                s.setInt(1, limit);
                return s.executeUpdate();
            }
        }, horizon, batch);
    }
}
