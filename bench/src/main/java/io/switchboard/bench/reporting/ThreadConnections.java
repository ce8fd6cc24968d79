package io.switchboard.bench.reporting;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * A DataSource that keeps one open connection per thread and ignores {@code close()}: the benchmarks'
 * stand-in for the service's connection pool (each applying thread reuses its connection, as it would
 * get one back from Agroal), without Quarkus.
 */
final class ThreadConnections implements DataSource {
    private final ThreadLocal<Connection> connections;

    ThreadConnections(ReportingBench bench) {
        this(bench::connect);
    }

    /** Connections opened by {@code connect}, one per thread. */
    ThreadConnections(java.util.concurrent.Callable<Connection> connect) {
        connections = ThreadLocal.withInitial(() -> {
            try {
                Connection real = connect.call();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                if (!real.getAutoCommit()) {
                                    real.rollback();
                                    real.setAutoCommit(true);
                                }
                                return null;
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public Connection getConnection() {
        return connections.get();
    }

    @Override
    public Connection getConnection(String username, String password) {
        return connections.get();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
