package io.switchboard.consumer;

import io.switchboard.consumer.positions.AppliedPositions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumers' own bookkeeping in the read model's database, over JDBC (the loops run on their own
 * threads): parked records, applied heartbeats, and the reset of a read model before a rebuild. Tables of
 * migration {@code db/eventstore/V0_60}.
 */
public final class Ledger {
    private final DataSource dataSource;

    public Ledger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A record that could not be decoded, as it came from Kafka. */
    public record DeadLetter(String topic, int partition, long offset, String key, byte[] value, String error) {
    }

    /** Parks the records (once each: a redelivered record is not parked again). */
    public void park(String consumer, List<DeadLetter> letters) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO consumer_dead_letters (consumer, topic, kafka_partition, kafka_offset, record_key, raw_value, error)
                     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT consumer_dead_letters_record DO NOTHING""")) {
            for (DeadLetter letter : letters) {
                s.setString(1, consumer);
                s.setString(2, letter.topic());
                s.setInt(3, letter.partition());
                s.setLong(4, letter.offset());
                s.setString(5, letter.key());
                s.setBytes(6, letter.value());
                s.setString(7, letter.error());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public long parked(String consumer) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM consumer_dead_letters WHERE consumer = ?")) {
            s.setString(1, consumer);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Keeps, per source, the newest emittedAt of the heartbeats applied. */
    public void heartbeats(String consumer, Map<String, Instant> newest) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO consumer_heartbeats AS h (consumer, source, emitted_at, applied_at) VALUES (?, ?, ?, now())
                     ON CONFLICT (consumer, source) DO UPDATE
                     SET emitted_at = GREATEST(h.emitted_at, EXCLUDED.emitted_at), applied_at = now()""")) {
            for (Map.Entry<String, Instant> source : newest.entrySet()) {
                s.setString(1, consumer);
                s.setString(2, source.getKey());
                s.setTimestamp(3, Timestamp.from(source.getValue()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public Map<String, Instant> heartbeats(String consumer) throws SQLException {
        Map<String, Instant> newest = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT source, emitted_at FROM consumer_heartbeats WHERE consumer = ?")) {
            s.setString(1, consumer);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    newest.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return newest;
    }

    /**
     * In one transaction: empties the read model's tables, forgets its applied positions and the
     * consumer's heartbeats (a replay applies them again, in order).
     */
    public void reset(String consumer, String readModel, List<String> tables) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (!tables.isEmpty()) {
                    s.execute("TRUNCATE " + String.join(", ", tables));
                }
                try (PreparedStatement forget = c.prepareStatement(AppliedPositions.FORGET)) {
                    forget.setString(1, readModel);
                    forget.executeUpdate();
                }
                try (PreparedStatement beats = c.prepareStatement("DELETE FROM consumer_heartbeats WHERE consumer = ?")) {
                    beats.setString(1, consumer);
                    beats.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
