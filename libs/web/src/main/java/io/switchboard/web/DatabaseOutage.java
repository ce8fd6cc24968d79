package io.switchboard.web;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises a failure that means "the database cannot be reached right now" rather than "this request is
 * wrong" or "the code is wrong": the client should come back (503 + Retry-After), the log needs one warning,
 * not a stack trace per request. Seen by the fault suite while PostgreSQL was killed and restarted: refused
 * connections, connections closed under a query, "the database system is starting up" / "shutting down"
 * (SQLSTATE class 57P), connection exceptions (class 08), and a pool that cannot get a connection in time.
 */
public final class DatabaseOutage {
    private static final int MAX_CAUSES = 16;

    private DatabaseOutage() {
    }

    /** A short description of the outage in {@code failure}'s cause chain, if there is one. */
    public static Optional<String> in(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof ClosedConnectionException || t instanceof ClosedChannelException
                    || t instanceof SQLTransientConnectionException) {
                return Optional.of(describe(t));
            }
            if (t instanceof DatabaseException db && unavailableState(db.getSqlState())) {
                return Optional.of(describe(t));
            }
            if (t instanceof SQLException sql && (unavailableState(sql.getSQLState()) || poolTimeout(sql))) {
                return Optional.of(describe(t));
            }
        }
        return Optional.empty();
    }

    private static boolean unavailableState(String sqlState) {
        // 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many connections.
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("53300"));
    }

    private static boolean poolTimeout(SQLException e) {
        // Agroal (the JDBC pool) says so only in its message.
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
