package io.switchboard.bench.redaction;

import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.RealPostgres;
import io.switchboard.testing.events.EnvelopePublisher;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The redaction service's resident memory with every model loaded and used: starts the packaged service
 * ({@code services/redaction/target/quarkus-app/quarkus-run.jar}, after {@code package -DskipTests}) as a child
 * process against libs/testing's PostgreSQL and in-JVM Kafka, gives a partner 20 intents × 5 phrases (rows of
 * {@code redaction_intents}), publishes {@code BENCH_MESSAGES} chat messages in the default languages through
 * {@code switchboard.chat}, waits until all are redacted (so detection, sentiment, the seven lingua models and the
 * embedding model have all run), and prints the child's VmRSS / VmHWM from /proc before and after. The child gets
 * {@code BENCH_SERVICE_OPTS} (default {@code -Xmx1g}); it is stopped at the end.
 */
public final class ServiceMemoryBenchmark {
    private static final int MESSAGES = Integer.parseInt(System.getenv().getOrDefault("BENCH_MESSAGES", "400"));
    private static final String OPTS = System.getenv().getOrDefault("BENCH_SERVICE_OPTS", "-Xmx1g");
    private static final String PORT = System.getenv().getOrDefault("BENCH_SERVICE_PORT", "18084");
    private static final String PARTNER = "rss-bench";
    private static final List<String> TEXTS = List.of(
            "hi, my name is john smith and my order AB12345 hasn't arrived, call me on 555 123 4567",
            "I want my money back, this is the third time I call, useless",
            "thanks, that fixed it :)",
            "Hola, mi pedido todavía no ha llegado y nadie me responde",
            "Bonjour, je voudrais résilier mon abonnement à la fin du mois",
            "Hallo, ich habe mein Passwort vergessen und komme nicht in mein Konto",
            "Buongiorno, il pacco è arrivato danneggiato",
            "Olá, fui cobrado duas vezes pela mesma fatura",
            "Hallo, ik wil mijn bezorgadres wijzigen",
            "where is my package??? it's been 3 weeks");

    private ServiceMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("services/redaction/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -B -o -q -pl services/redaction -am package -DskipTests");
        }
        RealPostgres pg = RealPostgres.shared();
        String database = "redaction_rss_" + System.currentTimeMillis();
        pg.database(database);
        RealKafka kafka = RealKafka.shared();
        for (String topic : List.of(Topics.CHAT, Topics.INTERACTION, "switchboard.redaction")) {
            kafka.createTopic(topic, 1);
        }

        ProcessBuilder builder = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                OPTS, "-jar", jar.toString()));
        Map<String, String> env = builder.environment();
        env.put("SWITCHBOARD_REDACTION_PORT", PORT);
        env.put("SWITCHBOARD_REDACTION_DB_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + database);
        env.put("SWITCHBOARD_REDACTION_DB_USER", pg.user());
        env.put("SWITCHBOARD_REDACTION_DB_PASSWORD", pg.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // Nothing listens there: the OIDC tenant stays uninitialised; this run needs no HTTP authentication.
        env.put("SWITCHBOARD_OIDC_URL", "http://127.0.0.1:9/realms/none");
        File log = File.createTempFile("redaction-rss", ".log");
        builder.redirectErrorStream(true).redirectOutput(log);
        long t0 = System.nanoTime();
        Process service = builder.start();
        try {
            awaitReady(service, log);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            long[] started = rss(service.pid());
            System.out.printf(Locale.ROOT, "service started in %.1f s (%s, log %s): VmRSS %d MB, VmHWM %d MB%n",
                    startSeconds, OPTS, log, started[0], started[1]);

            String jdbc = pg.jdbcUrl(database);
            try (Connection c = DriverManager.getConnection(jdbc, pg.user(), pg.password())) {
                insertIntents(c);
                long t1 = System.nanoTime();
                publish(kafka.bootstrapServers());
                awaitRows(c, MESSAGES);
                double seconds = (System.nanoTime() - t1) / 1e9;
                long[] warm = rss(service.pid());
                System.out.printf(Locale.ROOT, "%d messages analysed through the pipeline in %.1f s (first messages load the "
                        + "intent phrases): VmRSS %d MB, VmHWM %d MB%n", MESSAGES, seconds, warm[0], warm[1]);
            }
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    private static void awaitReady(Process service, File log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/q/health/ready")).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited, see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500); // polling a child process's readiness; there is nothing to wait on instead
        }
        throw new IllegalStateException("the service did not get ready in 3 minutes, see " + log);
    }

    private static void insertIntents(Connection c) throws Exception {
        List<String[]> intents = new java.util.ArrayList<>();
        for (String[] row : io.switchboard.redaction.analysis.IntentExamples.intents().stream()
                .map(i -> java.util.stream.Stream.concat(java.util.stream.Stream.of(i.name()), i.phrases().stream()).toArray(String[]::new))
                .toList()) {
            intents.add(row);
        }
        for (int k = 0; intents.size() < 20; k++) {
            intents.add(new String[] {"extra_" + k, "extra phrase one " + k, "another example " + k, "third example " + k,
                    "fourth example " + k, "fifth example " + k});
        }
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO redaction_intents (partner_id, name, phrases, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, now(), now(), 'bench')""")) {
            for (String[] intent : intents) {
                insert.setString(1, PARTNER);
                insert.setString(2, intent[0]);
                insert.setArray(3, c.createArrayOf("text", java.util.Arrays.copyOfRange(intent, 1, intent.length)));
                insert.executeUpdate();
            }
        }
    }

    private static void publish(String bootstrap) {
        try (EnvelopePublisher kafka = new EnvelopePublisher(bootstrap)) {
            long chat = 7_000_000_000L + System.currentTimeMillis() % 1_000_000;
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            long sequence = 1;
            kafka.publish(Topics.CHAT, PARTNER, ChatEvents.AGGREGATE_TYPE, chat, sequence, new ChatCreated(chat, "queued", null,
                    "en", new EndUser(1L, "bench-user", "Bench User", "bench@example.org", "+1 555 000 0000"), "bench@example.org", Map.of(), List.of(), List.of("human_agents"), now, null));
            for (int i = 1; i <= MESSAGES; i++) {
                kafka.publish(Topics.CHAT, PARTNER, ChatEvents.AGGREGATE_TYPE, chat, ++sequence, new MessageSent(chat, i, 1,
                        "end_user", "1", null, "text", TEXTS.get(i % TEXTS.size()) + " " + i, Map.of(), now, null));
            }
        }
    }

    private static void awaitRows(Connection c, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (ResultSet rows = c.createStatement().executeQuery(
                    "SELECT count(*) FROM redacted_messages WHERE partner_id = '" + PARTNER + "'")) {
                rows.next();
                if (rows.getLong(1) >= expected) {
                    return;
                }
            }
            Thread.sleep(500); // polling another process's database; nothing to wait on instead
        }
        throw new IllegalStateException("not all messages were redacted in 10 minutes");
    }

    /** VmRSS and VmHWM of a process, MB. */
    private static long[] rss(long pid) throws Exception {
        long rss = -1, hwm = -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
            }
        }
        return new long[] {rss, hwm};
    }
}
