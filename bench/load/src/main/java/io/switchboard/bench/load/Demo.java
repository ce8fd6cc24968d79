package io.switchboard.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo contact center: one fixed partner (default {@code demo}) that a person can log in to — its
 * supervisor {@code demo-supervisor} reads the Manager API and the dashboard — driven at a gentle rate, shift
 * after shift ({@link LoadRun}s of {@code shift} length: agents log in, take calls, chats and breaks, and
 * log out at the shift's end; the next shift logs them in again), until {@link #stop()} or for {@code total}.
 * What {@code deploy/local/switchboard demo} runs ({@link DemoMain}); from a test:
 *
 * <pre>{@code
 * try (Demo demo = Demo.start(Stack.fromEnvironment(), Demo.defaults(), Stack.stateDir(System.getenv()),
 *         Duration.ofMinutes(10), null)) {           // null: until stop()/close()
 *     Demo.Login supervisor = demo.supervisor();    // demo-supervisor and its password (the secrets file's)
 *     …
 * }                                                  // close(): agents log out; users and directory stay
 * }</pre>
 *
 * <p>Its users and directory are kept for the next start (a restart reuses them: no pile of agents and menus),
 * its passwords are the launcher's secrets ({@link DemoAccounts}). One demo per partner and state folder at a
 * time (a lock file, {@code .state/demo/<partner>.lock}): two would drive the same agents.
 */
public final class Demo implements AutoCloseable {
    /** The demo's partner id. */
    public static final String PARTNER = "demo";

    /** A user to log in as (realm {@code switchboard}, client {@code switchboard-web} or the dashboard's). */
    public record Login(String username, String password, String role) {
        @Override
        public String toString() {
            return username + " (" + role + ")";
        }
    }

    /**
     * Counters over all shifts so far.
     *
     * @param shifts       shifts started
     * @param callsStarted calls begun
     * @param chatsStarted chats begun
     * @param writes       event-writing commands sent
     * @param openScripts  calls, chats and agents' shifts going on now
     * @param errors       answers neither 2xx nor an expected 409 that the generator gave up on (in the current shift)
     */
    public record Progress(int shifts, long callsStarted, long chatsStarted, long writes, int openScripts, int errors) {
    }

    private final ContactCenter center;
    private final LoadConfig config;
    private final Duration shift;
    private final Duration total;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread driver;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile LoadRun current;
    private volatile int shifts;
    private long pastCalls;
    private long pastChats;
    private long pastWrites;
    private volatile RuntimeException failure;

    /**
     * The demo's defaults: partner {@code demo}, 4 voice and 3 chat agents, 6 events/s at most (calls of about
     * 15–20 s, chats of about 20 s: a person can watch them), one system user, a few requests in flight.
     */
    public static LoadConfig defaults() {
        return LoadConfig.defaults().partner(PARTNER).voiceAgents(4).chatAgents(3).systemCredentials(1)
                .eventsPerSecond(6).maxInFlight(8).thinkTime(Duration.ofSeconds(2)).breakEvery(Duration.ofSeconds(90))
                .queuePatience(Duration.ofSeconds(30)).routingPatience(Duration.ofSeconds(60)).windDown(Duration.ofSeconds(30))
                .responseChars(256);
    }

    private Demo(ContactCenter center, LoadConfig config, Duration shift, Duration total, FileChannel lockChannel, FileLock lock) {
        this.center = center;
        this.config = config;
        this.shift = shift;
        this.total = total;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.driver = new Thread(this::drive, "demo-" + config.partner());
        this.driver.setDaemon(true);
    }

    /**
     * Sets the partner up (users, directory; reused if they exist) and starts the traffic in the background.
     *
     * @param config   {@link #defaults()} or a variation; must have a fixed {@link LoadConfig#partner()}
     * @param stateDir the launcher's state folder (secrets, the remembered directory, the lock)
     * @param shift    how long agents stay logged in before a shift change (log out, log in again)
     * @param total    how long the demo runs, or null: until {@link #stop()}
     */
    public static Demo start(Stack stack, LoadConfig config, Path stateDir, Duration shift, Duration total) {
        if (!config.fixedPartner()) {
            throw new IllegalArgumentException("the demo needs a fixed partner (LoadConfig.partner)");
        }
        if (shift.isNegative() || shift.isZero() || total != null && (total.isNegative() || total.isZero())) {
            throw new IllegalArgumentException("shift and total must be positive");
        }
        Path lockFile = stateDir.resolve("demo").resolve(config.partner() + ".lock");
        FileChannel channel;
        FileLock lock;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("a demo of partner " + config.partner() + " is already running on this stack"
                        + " (it holds " + lockFile + "; stop it with deploy/local/switchboard demo stop)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
        try {
            ContactCenter center = ContactCenter.setUp(stack, config, stateDir);
            // A person reads the Manager API; measuring its lag would only add reads.
            center.lagProbe(null, 0);
            Demo demo = new Demo(center, config, shift, total, channel, lock);
            demo.driver.start();
            return demo;
        } catch (RuntimeException e) {
            release(channel, lock);
            throw e;
        }
    }

    /** The password of a fixed partner's user, as the secrets file holds it (empty before the first demo). */
    public static java.util.Optional<Login> login(Path stateDir, String partner, String user, String role) {
        return new DemoAccounts(stateDir).existing(partner, user)
                .map(password -> new Login(DemoAccounts.username(partner, user), password, role));
    }

    public String partnerId() {
        return config.partner();
    }

    /** {@code demo-supervisor}: reads the Manager API, the live snapshot and the dashboard. */
    public Login supervisor() {
        return login(center.partners().get(0).supervisor(), "supervisor");
    }

    /** {@code demo-admin}: the partner's administrator (directory writes). */
    public Login admin() {
        return login(center.partners().get(0).admin(), "admin");
    }

    /** The agents' users ({@code demo-voice1}, …, {@code demo-chat1}, …), busy with the simulation's calls and chats. */
    public List<Login> agents() {
        List<Login> logins = new ArrayList<>();
        center.partners().get(0).agents().forEach(a -> logins.add(login(a.credential(), a.voice() ? "agent (calls)" : "agent (chats)")));
        return logins;
    }

    /** The simulated partner (its directory ids, credentials with fresh tokens). */
    public Partner partner() {
        return center.partners().get(0);
    }

    private static Login login(Credential credential, String role) {
        return new Login(credential.username(), credential.user().password(), role);
    }

    public synchronized Progress progress() {
        LoadRun run = current;
        LoadRun.Stats now = run == null ? LoadRun.Stats.EMPTY : run.stats();
        int errors = run == null ? 0 : run.expected().uncertain().size();
        return new Progress(shifts, pastCalls + now.callsStarted(), pastChats + now.chatsStarted(), pastWrites + now.writesSent(),
                now.openScripts(), errors);
    }

    /** Winds down now: no new calls or chats, the open ones end, agents log out. Does not wait (see {@link #awaitEnd}). */
    public synchronized void stop() {
        stopRequested = true;
        if (current != null) {
            current.stop();
        }
    }

    /** Waits until the demo has ended (stopped and wound down, or its total time is over); true if it did in time. */
    public boolean awaitEnd(Duration patience) throws InterruptedException {
        return ended.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isRunning() {
        return ended.getCount() > 0;
    }

    /** Why the demo ended early, or null. */
    public RuntimeException failure() {
        return failure;
    }

    /** Stops, waits for the wind-down (agents offline), and releases the lock; users and directory stay. */
    @Override
    public void close() {
        stop();
        try {
            awaitEnd(config.windDown().plusSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            center.close();
            release(lockChannel, lock);
        }
    }

    private void drive() {
        long deadline = total == null ? Long.MAX_VALUE : System.nanoTime() + total.toNanos();
        try {
            while (!stopRequested) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Duration length = Duration.ofNanos(Math.min(shift.toNanos(), left));
                LoadRun run = center.start(config.duration(length).seed(config.seed() + shifts));
                synchronized (this) {
                    current = run;
                    shifts++;
                    if (stopRequested) {
                        run.stop();
                    }
                }
                run.awaitCompletion();
                synchronized (this) {
                    LoadRun.Stats done = run.stats();
                    pastCalls += done.callsStarted();
                    pastChats += done.chatsStarted();
                    pastWrites += done.writesSent();
                    current = null;
                }
                run.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            ended.countDown();
        }
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
