package io.switchboard.reporting.live;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs reads in one read-only repeatable-read transaction: PostgreSQL then answers every statement from the same
 * snapshot, so parts read one after the other still describe one instant (no call counted waiting in one part and
 * connected in the next). The connection is handed back as it came.
 */
final class InSnapshot {
    interface Reads<T> {
        T run() throws SQLException;
    }

    private InSnapshot() {
    }

    static <T> T read(Connection c, Reads<T> reads) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        boolean readOnly = c.isReadOnly();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            return reads.run();
        } finally {
            try {
                c.rollback();
            } finally {
                c.setReadOnly(readOnly);
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
