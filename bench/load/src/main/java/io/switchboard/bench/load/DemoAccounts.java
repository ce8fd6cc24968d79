package io.switchboard.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stable Keycloak users of a fixed partner ({@link LoadConfig#partner()}) and their passwords, kept
 * with the launcher's other secrets in {@code $SWITCHBOARD_STATE/secrets/secrets.env}: a user's password
 * is generated (192 random bits, base64url, as the launcher makes its own) the first time it is needed and
 * appended as {@code SWITCHBOARD_DEMO_CENTER_<PARTNER>_<USER>_PASSWORD}; from then on the file is the source
 * of truth (edit a value and restart the demo: the user's password is reset to it). User names are
 * {@code <partner>-<user>}, e.g. {@code demo-supervisor}; {@code deploy/local/switchboard secrets} lists them.
 */
public final class DemoAccounts {
    static final String PREFIX = "SWITCHBOARD_DEMO_CENTER_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path file;
    private final Map<String, String> environment;

    /** The accounts kept in {@code stateDir}'s secrets file (the launcher's {@code .state}). */
    public DemoAccounts(Path stateDir) {
        this(stateDir, System.getenv());
    }

    DemoAccounts(Path stateDir, Map<String, String> environment) {
        this.file = stateDir.resolve("secrets/secrets.env");
        this.environment = environment;
    }

    /** {@code demo} + {@code supervisor} → {@code demo-supervisor}. */
    public static String username(String partner, String user) {
        return partner + "-" + user;
    }

    /** {@code demo} + {@code supervisor} → {@code SWITCHBOARD_DEMO_CENTER_DEMO_SUPERVISOR_PASSWORD}. */
    public static String secretName(String partner, String user) {
        if (!partner.matches("[a-z0-9]{1,32}") || !user.matches("[a-z0-9]{1,32}")) {
            throw new IllegalArgumentException("partner and user: lower-case letters and digits: " + partner + ", " + user);
        }
        return PREFIX + partner.toUpperCase(Locale.ROOT) + "_" + user.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    /** The password the file holds for the user, if any (nothing is written). */
    public Optional<String> existing(String partner, String user) {
        return Optional.ofNullable(read().get(secretName(partner, user)));
    }

    /**
     * The user's password: the file's, else the environment's variable of the same name (to pin one, as the
     * launcher does), else a new random one; a new one is appended to the file. Safe against another
     * process (a second demo, the launcher) appending at the same time.
     */
    public synchronized String password(String partner, String user) {
        String name = secretName(partner, user);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no secrets file " + file + ": start the stack first (deploy/local/switchboard up)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock ignored = channel.lock()) {
            String value = read().get(name);
            if (value != null) {
                return value;
            }
            String pinned = environment.get(name);
            value = pinned != null && !pinned.isBlank() ? pinned : randomSecret();
            channel.write(java.nio.ByteBuffer.wrap((name + "=" + value + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + name + " to " + file, e);
        }
    }

    private Map<String, String> read() {
        return Files.exists(file) ? Stack.readSecrets(file) : Map.of();
    }

    static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
