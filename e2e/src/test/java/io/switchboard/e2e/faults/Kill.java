package io.switchboard.e2e.faults;

import io.switchboard.e2e.stack.LocalStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A crash of one component of the local stack, as the kernel would deal it: {@code kill -9} of the PID the
 * launcher recorded ({@code $SWITCHBOARD_STATE/run/<component>.pid}: the JVM of a service, Kafka or
 * Connect; PostgreSQL's postmaster), then a start through the launcher ({@code switchboard start
 * <component>}), as an operator or a supervisor would restart it.
 */
final class Kill {
    private Kill() {
    }

    /** {@code kill -9} of the component's process; returns once it is gone. */
    static void nine(String component) throws IOException, InterruptedException {
        Path pidFile = LocalStack.state().resolve("run/" + component + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(component + " (pid " + pid + ") is not running"));
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + pid + " (" + component + ") failed");
        }
        if (!process.onExit().thenApply(p -> true).completeOnTimeout(false, 30, TimeUnit.SECONDS).join()) {
            throw new IllegalStateException(component + " (pid " + pid + ") survived kill -9 for 30 s");
        }
    }

    /**
     * Starts the component through the launcher and returns once the launcher says it is ready (a
     * service's readiness, Kafka's port and start line, Connect's connectors RUNNING, PostgreSQL's
     * port). On a loaded machine a JVM can take longer than the launcher waits; it goes on starting, so
     * asking again is safe ({@code start} does not start a second one).
     */
    static void restart(String component, Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                LocalStack.run(Duration.ofMinutes(6), "start", component);
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                System.out.println("faults: " + component + " not ready yet, asking the launcher again: " + notYet.getMessage());
            }
        }
    }
}
