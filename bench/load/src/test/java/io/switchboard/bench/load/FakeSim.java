package io.switchboard.bench.load;

import java.util.List;
import java.util.Random;

/** A run's view for scripts, with a clock the test moves. */
final class FakeSim implements Sim {
    long now = 1_000_000_000L;
    boolean windingDown;
    final Random random = new Random(7);
    LoadConfig config = LoadConfig.defaults().runId("test");
    final Expectations expectations = new Expectations(List.of("p1"));
    final LagTracker lag = new LagTracker();

    @Override
    public long now() {
        return now;
    }

    @Override
    public boolean windingDown() {
        return windingDown;
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public LoadConfig config() {
        return config;
    }

    @Override
    public Expectations expectations() {
        return expectations;
    }

    @Override
    public LagTracker lag() {
        return lag;
    }

    void advanceMillis(long millis) {
        now += millis * 1_000_000L;
    }

    static Credential credential(String name, Long agentId) {
        return new Credential(new Keycloak.User("id-" + name, name, "pw", "p1", List.of("agent"), agentId),
                new Keycloak.Tokens("token-" + name, Long.MAX_VALUE, null));
    }

    /** A partner with {@code voice} voice agents (ids 101…) and {@code chat} chat agents (ids 201…). */
    static Partner partner(int voice, int chat) {
        List<Agent> agents = new java.util.ArrayList<>();
        for (int i = 1; i <= voice; i++) {
            agents.add(new Agent(100 + i, true, credential("v" + i, 100L + i)));
        }
        for (int i = 1; i <= chat; i++) {
            agents.add(new Agent(200 + i, false, credential("c" + i, 200L + i)));
        }
        return new Partner("p1", credential("admin", null), credential("sup", null),
                List.of(credential("sys1", null), credential("sys2", null)), 11, 12, 21, 22, 31, agents);
    }

    static Answer answer(int status, String body) {
        return new Answer(status, body, null, null, 5, 6, 1, false);
    }

    static Answer uncertainRetryAnswer(int status, String body) {
        return new Answer(status, body, null, null, 5, 6, 2, true);
    }
}
