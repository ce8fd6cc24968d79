package io.switchboard.e2e.faults;

import io.switchboard.bench.load.CommandRecord;
import io.switchboard.bench.load.ContactCenter;
import io.switchboard.bench.load.LoadConfig;
import io.switchboard.bench.load.LoadRun;
import io.switchboard.bench.load.ReadModelCheck;
import io.switchboard.bench.load.Stack;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The simulated contact center of {@code bench/load} ({@link ContactCenter}) as the fault suite's load. */
final class GeneratorLoad implements Load {
    private final ContactCenter center;
    private final LoadConfig config;
    private LoadRun run;

    private GeneratorLoad(ContactCenter center, LoadConfig config) {
        this.center = center;
        this.config = config;
    }

    /** Sets up the partners (Keycloak users, directory) and waits until the pipeline has delivered their directory. */
    static GeneratorLoad setUp(LoadConfig config) {
        ContactCenter center = ContactCenter.setUp(Stack.fromEnvironment(), config);
        // The suite reads the read models itself; tailing the Manager API for the lag would only add load.
        center.lagProbe(null, 0);
        return new GeneratorLoad(center, config);
    }

    @Override
    public List<String> partnerIds() {
        return center.partnerIds();
    }

    @Override
    public void start(double eventsPerSecond, Duration atMost) {
        run = center.start(config.eventsPerSecond(eventsPerSecond).duration(atMost));
    }

    @Override
    public void stop() {
        run.stop();
    }

    @Override
    public boolean awaitEnd(Duration patience) throws InterruptedException {
        return run.awaitCompletion(patience);
    }

    @Override
    public List<Attempt> attempts() {
        return run.commands().records().stream().map(GeneratorLoad::attempt).toList();
    }

    private static Attempt attempt(CommandRecord r) {
        return new Attempt(r.kind(), r.partnerId(), r.method(), r.uri(), r.status(), r.responseBody(), r.sentAt(), r.error());
    }

    @Override
    public List<String> readModelDifferences(Duration patience) throws InterruptedException {
        return center.check().await(run.expected(), patience).stream().map(ReadModelCheck.Mismatch::toString).toList();
    }

    @Override
    public List<String> uncertain() {
        return run.expected().uncertain();
    }

    @Override
    public String summary() {
        LoadRun.Stats s = run.stats();
        return String.format(Locale.ROOT, "%d calls, %d chats, %d writes, %d reads, %d retries, %d × 429, %d without answer; expected %s",
                s.callsStarted(), s.chatsStarted(), s.writesSent(), s.readsSent(), s.retries(), s.throttled(), s.noAnswer(),
                run.expected());
    }

    @Override
    public void close() {
        if (run != null) {
            run.events().close();
        }
        center.close();
    }
}
