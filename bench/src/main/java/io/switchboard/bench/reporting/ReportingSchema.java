package io.switchboard.bench.reporting;

import io.switchboard.reporting.projection.BatchProjector;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reporting service's Flyway scripts, for benchmarks that build a reporting database by hand (the libraries'
 * tables come from {@code EventStoreSchema.migrate} first). The scripts are listed from the service's
 * {@code db/migration} directory on the class path (its {@code target/classes}: the bench module is built with
 * {@code -am}), so a new migration can never be missing from a benchmark's database.
 */
final class ReportingSchema {
    private ReportingSchema() {
    }

    /** Runs every {@code V<n>__*.sql} of the service, in version order. */
    static void apply(Statement s) throws SQLException, IOException {
        for (String script : scripts()) {
            try (InputStream in = BatchProjector.class.getClassLoader().getResourceAsStream("db/migration/" + script)) {
                s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    static List<String> scripts() throws IOException {
        URL dir = BatchProjector.class.getClassLoader().getResource("db/migration");
        if (dir == null || !"file".equals(dir.getProtocol())) {
            throw new IllegalStateException("the reporting service's db/migration must be a directory on the class path"
                    + " (build the bench with -am), found " + dir);
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))).toList();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
