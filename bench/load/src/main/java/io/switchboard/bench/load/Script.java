package io.switchboard.bench.load;

/**
 * One actor of the simulated contact center (a call, a chat, an agent's shift) as a state machine: the
 * driver asks it what it does next whenever it is not waiting for an answer, and hands it each answer.
 * Scripts run on the driver's thread only.
 */
abstract class Script {
    /** What a script does next. */
    sealed interface Step permits Send, Sleep, Done {
    }

    record Send(Command command) implements Step {
    }

    /** Ask again at this {@link System#nanoTime()} (or as soon as the run winds down). */
    record Sleep(long untilNanos) implements Step {
    }

    record Done() implements Step {
    }

    static final Done DONE = new Done();

    final Partner partner;

    Script(Partner partner) {
        this.partner = partner;
    }

    abstract Step next(Sim sim);

    abstract void answered(Command command, Answer answer, Sim sim);

    abstract boolean done();

    /** The pause between an answer and the next step: a think time unless the script says otherwise. */
    Sleep pauseAfterAnswer(Sim sim) {
        return thinkThen(sim);
    }

    /** The run gave up on this script (wind-down took too long): release what it holds. */
    void abandoned(Sim sim) {
    }

    static Sleep thinkThen(Sim sim) {
        long mean = sim.config().thinkTime().toNanos();
        return new Sleep(sim.now() + (long) (mean * (0.5 + sim.random().nextDouble())));
    }

    static Sleep sleep(Sim sim, long millis) {
        return new Sleep(sim.now() + millis * 1_000_000L);
    }

    Command command(String kind, String service, String method, String path, Object body, Credential as,
                    String idempotencyKey, double expectedEvents) {
        return new Command(kind, partner.id(), service, method, path, body == null ? null : Json.write(body), as,
                idempotencyKey, expectedEvents);
    }
}
