package io.switchboard.testing;

import java.util.Optional;

/**
 * Where a shared test server is found. A test JVM starts each server at most once: the first
 * starter publishes its address as a system property, which later starters — possibly loaded by
 * another class loader, as Quarkus tests are — pick up instead of starting a second server.
 * An environment variable of the same name points every starter at an external server.
 */
final class SharedServer {
    private SharedServer() {
    }

    static Optional<String> address(String name) {
        String fromEnv = System.getenv(name);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.trim());
        }
        return Optional.ofNullable(System.getProperty(name)).filter(value -> !value.isBlank());
    }

    static void publish(String name, String address) {
        System.setProperty(name, address);
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
