package io.switchboard.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated contact center: N partners set up on the running local stack, then driven by
 * {@link LoadRun}s. Typical use (a test or a benchmark):
 *
 * <pre>{@code
 * LoadConfig config = LoadConfig.defaults().partners(3).eventsPerSecond(1000).duration(Duration.ofSeconds(60));
 * try (ContactCenter center = ContactCenter.setUp(Stack.fromEnvironment(), config)) {
 *     LoadRun run = center.start();            // in the background; run.stop() ends it early
 *     run.awaitCompletion();
 *     Expectations expected = run.expected(); // compare with the Manager API: ReadModelCheck
 *     long events = run.events().count().total();
 * }
 * }</pre>
 *
 * {@link #close()} deletes the Keycloak users it created; the partners' directories and events stay (the
 * event stores are append-only). A fixed partner's users ({@link LoadConfig#partner()}: the demo) are kept.
 */
public final class ContactCenter implements AutoCloseable {
    private final Stack stack;
    private final LoadConfig config;
    private final Keycloak keycloak;
    private final Rest rest;
    private final List<Partner> partners;
    private final List<Keycloak.User> users;
    private final ScheduledExecutorService refresher;
    private final Map<String, Long> tailCursors = ManagerApiTail.newCursors();
    private Duration tailInterval = Duration.ofMillis(100);
    private int tailPartners = 2;

    private ContactCenter(Stack stack, LoadConfig config, Keycloak keycloak, Rest rest, List<Partner> partners,
                          List<Keycloak.User> users) {
        this.stack = stack;
        this.config = config;
        this.keycloak = keycloak;
        this.rest = rest;
        this.partners = List.copyOf(partners);
        this.users = users;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-token-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshTokens, 15, 15, TimeUnit.SECONDS);
    }

    /**
     * Creates {@link LoadConfig#partners()} partners (Keycloak users, directory), four at a time, and waits
     * until the Manager API shows their agents (the pipeline has delivered the directory).
     */
    public static ContactCenter setUp(Stack stack, LoadConfig config) {
        return setUp(stack, config, config.fixedPartner() ? Stack.stateDir(System.getenv()) : null);
    }

    /**
     * As {@link #setUp(Stack, LoadConfig)}; a fixed partner ({@link LoadConfig#partner()}) keeps its users'
     * passwords and its directory in {@code stateDir} (the launcher's {@code .state}), and its users are kept
     * by {@link #close()}.
     */
    public static ContactCenter setUp(Stack stack, LoadConfig config, Path stateDir) {
        Keycloak keycloak = new Keycloak(stack);
        Rest rest = new Rest(stack);
        List<Keycloak.User> users = new ArrayList<>();
        PartnerSetup setup = new PartnerSetup(keycloak, rest, config, users, stateDir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, config.partners()));
        List<Partner> partners = new ArrayList<>();
        try {
            List<Future<Partner>> futures = new ArrayList<>();
            for (int n = 1; n <= config.partners(); n++) {
                int number = n;
                futures.add(pool.submit(() -> setup.create(number)));
            }
            for (Future<Partner> f : futures) {
                partners.add(f.get());
            }
            for (Partner partner : partners) {
                setup.awaitDirectory(partner, Duration.ofMinutes(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteUsers(keycloak, users);
            throw new IllegalStateException("interrupted while setting up", e);
        } catch (ExecutionException | RuntimeException e) {
            deleteUsers(keycloak, users);
            throw new IllegalStateException("setting up the partners failed: " + (e.getCause() != null ? e.getCause() : e), e);
        } finally {
            pool.shutdownNow();
        }
        return new ContactCenter(stack, config, keycloak, rest, partners, users);
    }

    public List<Partner> partners() {
        return partners;
    }

    public List<String> partnerIds() {
        return partners.stream().map(Partner::id).toList();
    }

    public Stack stack() {
        return stack;
    }

    public LoadConfig config() {
        return config;
    }

    /**
     * How the lag is measured: the Manager API change feeds of the first {@code partners} partners are read
     * every {@code interval} (default: 2 partners, 100 ms — a sample, so that measuring costs the
     * reporting service little); {@code partners} 0 or a null interval: not measured.
     */
    public ContactCenter lagProbe(Duration interval, int partners) {
        this.tailInterval = interval;
        this.tailPartners = partners;
        return this;
    }

    /** Starts a run with the set-up configuration. */
    public LoadRun start() {
        return start(config);
    }

    /**
     * Starts a run in the background with another rate, duration, mix, … on the same partners (the
     * partner count and agents per partner are those of the set-up).
     */
    public LoadRun start(LoadConfig run) {
        if (run.voiceAgents() != config.voiceAgents() || run.chatAgents() != config.chatAgents()
                || run.partners() != config.partners()) {
            throw new IllegalArgumentException("partners and agents are fixed at set-up: " + config.partners() + " partners, "
                    + config.voiceAgents() + " voice and " + config.chatAgents() + " chat agents each");
        }
        refreshTokens();
        List<Partner> probed = partners.subList(0, Math.min(tailPartners, partners.size()));
        return new LoadRun(stack, run, partners, rest, tailCursors, tailInterval == null || probed.isEmpty() ? null : tailInterval,
                probed).start();
    }

    /** Runs to the end and returns the finished run. */
    public LoadRun run(LoadConfig run) throws InterruptedException {
        LoadRun started = start(run);
        started.awaitCompletion();
        return started;
    }

    /** A check of the Manager API against a run's expectations, as the partners' supervisors read it. */
    public ReadModelCheck check() {
        return new ReadModelCheck(rest, partners);
    }

    private void refreshTokens() {
        long now = System.nanoTime();
        for (Partner partner : partners) {
            for (Credential credential : partner.credentials()) {
                try {
                    credential.refreshIfDue(keycloak, now);
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return; // closing
                    }
                    System.err.println("load: token refresh of " + credential + " failed (tried again shortly): " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        deleteUsers(keycloak, users);
    }

    private static void deleteUsers(Keycloak keycloak, List<Keycloak.User> users) {
        synchronized (users) {
            for (Keycloak.User user : users) {
                try {
                    keycloak.deleteUser(user);
                } catch (RuntimeException e) {
                    System.err.println("load: could not delete Keycloak user " + user.username() + ": " + e.getMessage());
                }
            }
            users.clear();
        }
    }
}
