package io.switchboard.consumer;

import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.events.EventEnvelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test read model on JDBC: per stream, how many events were applied and the sum of their positions,
 * recorded with the positions in one transaction. It can be told to fail a number of times first.
 */
final class Tally implements BatchHandler {
    final String readModel;
    final String table;
    final AppliedPositions positions;
    final ConsumerTestDatabase db;
    final AtomicInteger failuresLeft = new AtomicInteger();
    final List<Batch> batches = new CopyOnWriteArrayList<>();

    Tally(ConsumerTestDatabase db, String readModel) {
        this(db, readModel, "tallies");
    }

    Tally(ConsumerTestDatabase db, String readModel, String table) {
        this.db = db;
        this.readModel = readModel;
        this.table = table;
        this.positions = new AppliedPositions(readModel);
        db.execute("CREATE TABLE IF NOT EXISTS " + table + " (LIKE tallies INCLUDING ALL)");
    }

    @Override
    public int apply(Batch batch) throws SQLException {
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<EventEnvelope> fresh = positions.record(c, batch.events());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                    + " AS t (read_model, partner_id, aggregate_id, events, position_sum) VALUES (?, ?, ?, 1, ?)"
                    + " ON CONFLICT (read_model, partner_id, aggregate_id)"
                    + " DO UPDATE SET events = t.events + 1, position_sum = t.position_sum + EXCLUDED.position_sum")) {
                for (EventEnvelope e : fresh) {
                    s.setString(1, readModel);
                    s.setString(2, e.partnerId());
                    s.setString(3, e.aggregateId());
                    s.setLong(4, e.sequence());
                    s.addBatch();
                }
                s.executeBatch();
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                c.rollback();
                throw new IllegalStateException("the read model fails on purpose");
            }
            c.commit();
            batches.add(batch);
            return fresh.size();
        }
    }

    long events(String partner, String aggregateId) {
        return db.count("SELECT coalesce(sum(events), 0) FROM " + table + " WHERE read_model = '" + readModel
                + "' AND partner_id = '" + partner + "' AND aggregate_id = '" + aggregateId + "'");
    }

    long positionSum(String partner, String aggregateId) {
        return db.count("SELECT coalesce(sum(position_sum), 0) FROM " + table + " WHERE read_model = '" + readModel
                + "' AND partner_id = '" + partner + "' AND aggregate_id = '" + aggregateId + "'");
    }

    long rows() {
        return db.count("SELECT count(*) FROM " + table + " WHERE read_model = '" + readModel + "'");
    }
}
