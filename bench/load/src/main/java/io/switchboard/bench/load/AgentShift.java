package io.switchboard.bench.load;

import java.util.Map;

/**
 * An agent's shift, with the agent's own token ({@code PUT /manager/api/v1/agents/me/status}, interaction
 * service): it logs in (available), takes breaks (unavailable, reason {@code break}, 1–4 s, every
 * {@link LoadConfig#breakEvery()} on average) when it is not on a call, and logs out (offline) at the end,
 * once its work is over. A status change the service refuses because the agent is still on a call or chat
 * (409: the interaction service moves agents to {@code in_call}/{@code in_chat} from the events, a moment
 * after the calls and chats themselves) is tried again 1, 2, 4 … 10 s later. One event per change.
 */
final class AgentShift extends Script {
    enum State { LOGIN, IDLE, BREAK, ON_BREAK, BACK, LOGOUT, DONE }

    private static final int MAX_REFUSALS = 30;
    private final Agent agent;
    private State state = State.LOGIN;
    private long nextBreakAt;
    private long breakEndsAt;
    private long retryAt;
    private int refusals;
    /** A voice agent this shift keeps out of the free pool (on a break, logging out). */
    private boolean heldOut;

    AgentShift(Partner partner, Agent agent) {
        super(partner);
        this.agent = agent;
    }

    State state() {
        return state;
    }

    @Override
    boolean done() {
        return state == State.DONE;
    }

    @Override
    Step next(Sim sim) {
        long now = sim.now();
        if (sim.windingDown() && (state == State.IDLE || state == State.BREAK)) {
            state = State.LOGOUT;
        }
        if (now < retryAt) {
            return new Sleep(retryAt);
        }
        return switch (state) {
            case LOGIN -> status("available", null);
            case IDLE -> {
                if (now < nextBreakAt) {
                    // Wake at least every half second to notice the end of the run.
                    yield new Sleep(Math.min(nextBreakAt, now + 500_000_000L));
                }
                state = State.BREAK;
                yield next(sim);
            }
            case BREAK -> {
                if (agent.voice() && !heldOut) {
                    if (!partner.freeVoiceAgents.remove(agent)) {
                        yield sleep(sim, 200); // on a call: the break waits for its end
                    }
                    heldOut = true;
                }
                yield status("unavailable", "break");
            }
            case ON_BREAK -> {
                if (now < breakEndsAt && !sim.windingDown()) {
                    yield new Sleep(breakEndsAt);
                }
                state = State.BACK;
                yield next(sim);
            }
            case BACK -> sim.windingDown() ? advance(State.LOGOUT, sim) : status("available", null);
            case LOGOUT -> {
                if (agent.voice() && !heldOut) {
                    if (!partner.freeVoiceAgents.remove(agent)) {
                        yield sleep(sim, 100); // on a call: logs out when it ends
                    }
                    heldOut = true;
                } else if (!agent.voice() && partner.activeChats > 0) {
                    yield sleep(sim, 100); // chats may still be routed to it
                }
                yield status("offline", null);
            }
            case DONE -> DONE;
        };
    }

    private Step advance(State to, Sim sim) {
        state = to;
        return next(sim);
    }

    private Step status(String status, String reason) {
        Map<String, Object> body = reason == null ? Map.of("status", status) : Map.of("status", status, "reason", reason);
        return new Send(command("agent.status", "interaction", "PUT", "/manager/api/v1/agents/me/status", body,
                agent.credential(), null, 1));
    }

    @Override
    void answered(Command command, Answer answer, Sim sim) {
        long now = sim.now();
        boolean applied = answer.ok();
        if (!applied && answer.status() == 409 && ++refusals <= MAX_REFUSALS) {
            // Still on a call or chat as far as the interaction service knows: try again after 1, 2, 4 … 10 s.
            long pause = Math.min(10_000_000_000L, 1_000_000_000L << Math.min(4, refusals - 1));
            if (state == State.BREAK) {
                release();
                state = State.IDLE;
                nextBreakAt = now + pause;
            }
            retryAt = now + pause;
            return;
        }
        if (!applied) {
            sim.expectations().uncertain("agent " + agent.id() + " of " + partner.id() + ": " + state + " answered "
                    + answer.status() + " " + answer.body());
        }
        refusals = 0;
        switch (state) {
            case LOGIN -> {
                if (!applied) {
                    state = State.DONE;
                    return;
                }
                if (agent.voice()) {
                    partner.freeVoiceAgents.addLast(agent);
                }
                scheduleBreak(sim);
                state = State.IDLE;
            }
            case BREAK -> {
                if (applied) {
                    breakEndsAt = now + 1_000_000_000L + (long) (sim.random().nextDouble() * 3_000_000_000L);
                    state = State.ON_BREAK;
                } else {
                    release();
                    scheduleBreak(sim);
                    state = State.IDLE;
                }
            }
            case BACK -> {
                release();
                scheduleBreak(sim);
                state = State.IDLE;
            }
            case LOGOUT -> {
                if (applied) {
                    sim.expectations().agentStatus(partner.id(), agent.id(), "offline");
                }
                state = State.DONE;
            }
            default -> throw new IllegalStateException("no answer expected in " + state);
        }
    }

    /** Back into the free pool (voice agents). */
    private void release() {
        if (agent.voice() && heldOut) {
            partner.freeVoiceAgents.addLast(agent);
            heldOut = false;
        }
    }

    @Override
    Sleep pauseAfterAnswer(Sim sim) {
        return new Sleep(sim.now());
    }

    private void scheduleBreak(Sim sim) {
        double mean = sim.config().breakEvery().toNanos();
        nextBreakAt = sim.now() + (long) (-Math.log(1 - sim.random().nextDouble()) * mean);
    }

    @Override
    void abandoned(Sim sim) {
        if (state != State.DONE) {
            sim.expectations().uncertain("agent " + agent.id() + " of " + partner.id() + " left in " + state);
            state = State.DONE;
        }
    }
}
