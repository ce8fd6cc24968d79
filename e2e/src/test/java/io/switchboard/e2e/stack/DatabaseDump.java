package io.switchboard.e2e.stack;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole database of the running stack, as its service's role sees it, written to a file: by {@code pg_dump}
 * (plain format, every schema, data and DDL) when one of the server's major version or newer is installed —
 * {@code SWITCHBOARD_PG_DUMP}, {@code /usr/lib/postgresql/<major>/bin/pg_dump} or the one on the PATH; pg_dump
 * refuses a newer server, and Debian 12 ships 15 while the stack runs 17 — otherwise by the statements pg_dump's
 * data sections are made of: {@code COPY <table> TO STDOUT} for every table of every schema, and the large
 * objects. Either way every stored row is in the file.
 */
final class DatabaseDump {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    /** How the file was made: {@code pg_dump <version>} or {@code COPY}. */
    record Dumped(Path file, String how) {
    }

    private DatabaseDump() {
    }

    static Dumped of(String database, Path file) throws IOException, InterruptedException, SQLException {
        Files.createDirectories(file.getParent());
        String password = LocalStack.secret("SWITCHBOARD_" + database.toUpperCase(Locale.ROOT) + "_DB_PASSWORD");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + LocalStack.PG_PORT + "/" + database,
                database, password)) {
            int serverMajor = serverMajor(c);
            Optional<String> pgDump = pgDump(serverMajor);
            if (pgDump.isPresent()) {
                ProcessBuilder builder = new ProcessBuilder(pgDump.get(), "-h", "127.0.0.1", "-p",
                        String.valueOf(LocalStack.PG_PORT), "-U", database, "-d", database, "-f", file.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(file.resolveSibling(file.getFileName() + ".pg_dump.log").toFile());
                builder.environment().put("PGPASSWORD", password);
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException(pgDump.get() + " failed on " + database + "; see " + file + ".pg_dump.log");
                }
                return new Dumped(file, "pg_dump " + major(pgDump.get()).orElse(0));
            }
            copyEverything(c, file);
            return new Dumped(file, "COPY (no pg_dump >= " + serverMajor + " installed)");
        }
    }

    private static void copyEverything(Connection c, Path file) throws SQLException, IOException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                 WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'
                 ORDER BY 1""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String table : tables) {
                out.write("COPY " + table + " FROM stdin;\n");
                copy.copyOut("COPY " + table + " TO STDOUT", out);
                out.write("\\.\n\n");
            }
            out.write("-- large objects\n");
            copy.copyOut("COPY (SELECT loid, pageno, encode(data, 'escape') FROM pg_largeobject) TO STDOUT", out);
        } catch (SQLException e) {
            // pg_largeobject is readable by superusers only on some servers: the tables above are the data.
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static int serverMajor(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }

    private static Optional<String> pgDump(int serverMajor) throws IOException, InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("SWITCHBOARD_PG_DUMP");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (var versions = Files.list(lib)) {
                versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable).map(Path::toString)
                        .forEach(candidates::add);
            }
        }
        candidates.add("pg_dump");
        for (String candidate : candidates) {
            Optional<Integer> major = major(candidate);
            if (major.isPresent() && major.get() >= serverMajor) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> major(String pgDump) {
        try {
            Process process = new ProcessBuilder(pgDump, "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            Matcher m = VERSION.matcher(output);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
