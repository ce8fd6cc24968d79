package io.switchboard.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the local stack listens and the secrets its launcher generated. The generator drives nothing but
 * this machine: every address is 127.0.0.1 or localhost, and any other host is refused here, before a
 * single request is made.
 *
 * @param host     127.0.0.1, localhost or ::1
 * @param ports    per component: chat, interaction, reporting, keycloak, postgres
 * @param secrets  the launcher's {@code secrets.env} (names → values)
 */
public record Stack(String host, Map<String, Integer> ports, Map<String, String> secrets) {
    private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    public Stack {
        requireLocal(host);
        ports = Map.copyOf(ports);
        secrets = Map.copyOf(secrets);
    }

    /** Throws unless {@code host} is this machine's loopback address. */
    public static String requireLocal(String host) {
        if (host == null || !LOCAL.contains(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the load generator drives only the local stack (127.0.0.1 or localhost), not "
                    + host);
        }
        return host;
    }

    /** Throws unless the URI points at this machine. */
    public static URI requireLocal(URI uri) {
        requireLocal(uri.getHost());
        return uri;
    }

    /**
     * The stack the launcher ({@code deploy/local/switchboard up}) runs with the ports of this process's
     * environment (the same variables the launcher reads: {@code SWITCHBOARD_CHAT_PORT}, …,
     * {@code KEYCLOAK_PORT}, {@code SWITCHBOARD_PG_PORT}) and the secrets in
     * {@code $SWITCHBOARD_STATE/secrets/secrets.env} (default: {@code .state} of the repository found
     * upwards from the working directory).
     */
    public static Stack fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static Stack fromEnvironment(Map<String, String> env) {
        Map<String, Integer> ports = new HashMap<>();
        ports.put("chat", port(env, "SWITCHBOARD_CHAT_PORT", 8081));
        ports.put("media", port(env, "SWITCHBOARD_MEDIA_PORT", 8082));
        ports.put("interaction", port(env, "SWITCHBOARD_INTERACTION_PORT", 8083));
        ports.put("redaction", port(env, "SWITCHBOARD_REDACTION_PORT", 8084));
        ports.put("reporting", port(env, "SWITCHBOARD_REPORTING_PORT", 8085));
        ports.put("keycloak", port(env, "KEYCLOAK_PORT", 8180));
        ports.put("postgres", port(env, "SWITCHBOARD_PG_PORT", 15432));
        return new Stack("127.0.0.1", ports, readSecrets(stateDir(env).resolve("secrets/secrets.env")));
    }

    /** The launcher's state folder: {@code SWITCHBOARD_STATE}, or {@code .state} of the repository. */
    public static Path stateDir(Map<String, String> env) {
        String configured = env.get("SWITCHBOARD_STATE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/local/switchboard"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository (deploy/local/switchboard) above "
                    + Path.of("").toAbsolutePath() + "; set SWITCHBOARD_STATE");
        }
        return dir.resolve(".state");
    }

    static Map<String, String> readSecrets(Path file) {
        Map<String, String> secrets = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    secrets.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's secrets " + file + " (is the stack up?)", e);
        }
        return secrets;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    public URI uri(String component) {
        Integer port = ports.get(component);
        if (port == null) {
            throw new IllegalArgumentException("no port for " + component);
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port);
    }

    public String secret(String name) {
        String value = secrets.get(name);
        if (value == null) {
            throw new IllegalStateException("the stack's secrets have no " + name);
        }
        return value;
    }

    /** JDBC URL of one service's database (the service's own role and generated password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + ports.get("postgres") + "/" + database;
    }

    public String databasePassword(String service) {
        return secret("SWITCHBOARD_" + service.toUpperCase(Locale.ROOT) + "_DB_PASSWORD");
    }
}
