package io.switchboard.e2e.stack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole stack, started by the test run itself with the same launcher people use
 * ({@code deploy/local/switchboard up}), once per test JVM. If the stack was already up (a developer's
 * own), it is reused and left running; otherwise it is stopped when the JVM's tests end.
 */
public final class LocalStack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
    private static final Path REPO = findRepo();
    private static final Path LAUNCHER = REPO.resolve("deploy/local/switchboard");
    private static boolean started;
    private static boolean stopWhenDone;

    public static final int PG_PORT = envInt("SWITCHBOARD_PG_PORT", 15432);
    public static final int KAFKA_PORT = envInt("SWITCHBOARD_KAFKA_PORT", 9092);
    public static final int KEYCLOAK_PORT = envInt("KEYCLOAK_PORT", 8180);
    public static final int CONNECT_PORT = envInt("SWITCHBOARD_CONNECT_PORT", 8093);
    /** Connect's Prometheus metrics (the launcher's JMX exporter), next to its REST port unless set. */
    public static final int CONNECT_METRICS_PORT = envInt("SWITCHBOARD_CONNECT_METRICS_PORT", CONNECT_PORT + 1);
    public static final int S3_PORT = envInt("SWITCHBOARD_S3_PORT", 9000);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LocalStack.class) {
            if (started) {
                return;
            }
            boolean alreadyUp = run(Duration.ofSeconds(60), "status").lines()
                    .anyMatch(line -> line.startsWith("kafka ") && line.contains("healthy"));
            run(Duration.ofMinutes(20), "up");
            stopWhenDone = !alreadyUp;
            started = true;
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LocalStack.class.getName(), this);
        }
    }

    @Override
    public void close() throws Exception {
        if (stopWhenDone) {
            run(Duration.ofMinutes(3), "down");
        }
    }

    /**
     * A secret the launcher generated on the first {@code up} ({@code .state/secrets/secrets.env}, the
     * file {@code deploy/local/switchboard secrets} prints), e.g. {@code SWITCHBOARD_CHAT_DB_PASSWORD}.
     */
    public static String secret(String name) {
        Path file = state().resolve("secrets/secrets.env");
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(name + "="))
                    .map(line -> line.substring(name.length() + 1))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(file + " has no " + name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the stack's secrets " + file, e);
        }
    }

    /** The generated password of a demo user of the realm, e.g. {@code ann.agent}. */
    public static String demoPassword(String user) {
        return secret("SWITCHBOARD_DEMO_" + user.replace('.', '_').toUpperCase(java.util.Locale.ROOT) + "_PASSWORD");
    }

    /** The launcher's state folder: {@code SWITCHBOARD_STATE}, or {@code .state} in the repository. */
    public static Path state() {
        String configured = System.getenv("SWITCHBOARD_STATE");
        return configured == null || configured.isBlank() ? REPO.resolve(".state") : Path.of(configured);
    }

    public static String kafkaBootstrap() {
        return "127.0.0.1:" + KAFKA_PORT;
    }

    public static String keycloakRealmUrl() {
        return "http://127.0.0.1:" + KEYCLOAK_PORT + "/realms/switchboard";
    }

    public static int servicePort(String service) {
        return switch (service) {
            case "chat" -> envInt("SWITCHBOARD_CHAT_PORT", 8081);
            case "media" -> envInt("SWITCHBOARD_MEDIA_PORT", 8082);
            case "interaction" -> envInt("SWITCHBOARD_INTERACTION_PORT", 8083);
            case "redaction" -> envInt("SWITCHBOARD_REDACTION_PORT", 8084);
            case "reporting" -> envInt("SWITCHBOARD_REPORTING_PORT", 8085);
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** Runs a launcher command; its output goes to target/launcher.log and is returned. */
    public static String run(Duration timeout, String... args) throws IOException, InterruptedException {
        Path log = REPO.resolve("e2e/target/launcher-" + args[0] + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(concat(LAUNCHER.toString(), args))
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("launcher " + String.join(" ", args) + " timed out; see " + log);
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("launcher " + String.join(" ", args) + " failed:\n" + output);
        }
        System.out.print(output);
        return output;
    }

    private static List<String> concat(String first, String... rest) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }

    private static int envInt(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }

    private static Path findRepo() {
        File dir = new File("").getAbsoluteFile();
        while (dir != null && !new File(dir, "deploy/local/switchboard").exists()) {
            dir = dir.getParentFile();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root from " + new File("").getAbsolutePath());
        }
        return dir.toPath();
    }
}
