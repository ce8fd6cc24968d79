package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inbound call as the telephony provider reports it through its webhooks (interaction service,
 * {@code POST /apps/api/v1/calls} and {@code POST /apps/api/v1/calls/{id}/events/{step}}, a system
 * credential of the partner): the caller reaches the IVR, queues, the provider rings a free voice agent
 * ({@code connecting}), the agent answers; then, as drawn at arrival, holds, a transfer to a second agent
 * who joins (a conference) before the first one leaves, a third party joins; the caller hangs up. A call
 * that finds no free agent within {@link LoadConfig#queuePatience()} is abandoned (ends unconnected).
 *
 * <p>Expected events per step (pacing only; {@link EventCounter} measures): created 2 (call, end-user
 * participant), queued 1, connecting 1, connected 3 + 2 (agent status: work started, {@code in_call}),
 * hold 1, resume 1, transfer 1, second agent joins 1 + 2, first agent leaves 1 + 2 (work ended,
 * {@code wrap_up}), third party 1, ended: one per participant still on the call + 1 + 2 per agent still on it.
 */
final class CallScript extends Script {
    enum State { CREATE, QUEUE, ACQUIRE, RING, CONNECT, HOLD, RESUME, TRANSFER, JOIN, LEAVE, THIRD_PARTY, END, READ, DONE }

    /** What the caller and agents will do, drawn at arrival. */
    record Plan(boolean hold, boolean transfer, boolean thirdParty) {
        static Plan draw(java.util.Random random) {
            return new Plan(random.nextDouble() < 0.5, random.nextDouble() < 0.3, random.nextDouble() < 0.15);
        }

        /** Events the whole call is expected to cause when it connects (for choosing what starts next). */
        double expectedEvents() {
            double events = 2 + 1 + 1 + 5 + 3; // created, queued, connecting, connected, ended with one agent
            if (hold) {
                events += 2;
            }
            if (transfer) {
                events += 1 + 3 + 3;
            }
            if (thirdParty) {
                events += 1 + 1;
            }
            return events;
        }
    }

    private final Plan plan;
    private State state = State.CREATE;
    private long callId;
    private long queuedAt;
    private Agent first;
    private Agent second;
    private final List<Agent> agentsOnCall = new ArrayList<>();
    /** Agents this call took from the free pool and has not given back (rung, on the call, transferred to). */
    private final java.util.Set<Agent> held = new java.util.LinkedHashSet<>();
    private int onCall; // participants connected now

    CallScript(Partner partner, Plan plan) {
        super(partner);
        this.plan = plan;
        partner.activeCalls++;
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
        if (sim.windingDown()) {
            switch (state) {
                case CREATE -> {
                    return finish();
                }
                case QUEUE, ACQUIRE, RING, CONNECT, HOLD, RESUME, TRANSFER, JOIN, LEAVE, THIRD_PARTY -> state = State.END;
                default -> {
                }
            }
        }
        return switch (state) {
            case CREATE -> send(command("call.create", "interaction", "POST", "/apps/api/v1/calls",
                    Map.of("call_type", "Voice Inbound (IVR)", "end_user_number", "+1 555 " + (1000 + sim.random().nextInt(9000)),
                            "menu_id", partner.voiceMenu()), partner.nextSystem(), null, 2));
            case QUEUE -> step("queued", Map.of(), 1);
            case ACQUIRE -> {
                Agent agent = partner.freeVoiceAgents.pollFirst();
                if (agent == null) {
                    if (sim.now() - queuedAt > sim.config().queuePatience().toNanos()) {
                        state = State.END;
                        yield next(sim);
                    }
                    yield sleep(sim, 20);
                }
                first = agent;
                held.add(agent);
                state = State.RING;
                yield next(sim);
            }
            case RING -> step("connecting", Map.of("agent_id", first.id()), 1);
            case CONNECT -> step("connected", Map.of(), 5);
            case HOLD -> step("hold", Map.of(), 1);
            case RESUME -> step("resume", Map.of(), 1);
            case TRANSFER -> {
                Agent agent = partner.freeVoiceAgents.pollFirst();
                if (agent == null) { // nobody to transfer to: the call goes on without
                    state = State.THIRD_PARTY;
                    yield next(sim);
                }
                second = agent;
                held.add(agent);
                yield step("transfer", Map.of("target_type", "agent", "to_agent_id", second.id()), 1);
            }
            case JOIN -> step("participant_joined", Map.of("participant_type", "agent", "user_id", second.id()), 3);
            case LEAVE -> step("participant_left", Map.of("user_id", first.id()), 3);
            case THIRD_PARTY -> plan.thirdParty()
                    ? step("participant_joined", Map.of("participant_type", "third_party",
                            "phone_number", "+1 555 " + (1000 + sim.random().nextInt(9000))), 1)
                    : advance(State.END, sim);
            case END -> step("ended", Map.of("disconnected_by", "disconnected_by_end_user"), onCall + 1 + 2.0 * agentsOnCall.size());
            case READ -> send(command("call.read", "interaction", "GET", "/apps/api/v1/calls/" + callId, null,
                    partner.nextSystem(), null, 0));
            case DONE -> DONE;
        };
    }

    private Step advance(State to, Sim sim) {
        state = to;
        return next(sim);
    }

    private Step step(String step, Map<String, Object> body, double events) {
        return send(command("call." + step, "interaction", "POST", "/apps/api/v1/calls/" + callId + "/events/" + step,
                new LinkedHashMap<>(body), partner.nextSystem(), null, events));
    }

    private static Step send(Command command) {
        return new Send(command);
    }

    @Override
    void answered(Command command, Answer answer, Sim sim) {
        switch (state) {
            case CREATE -> {
                if (answer.status() != 201) {
                    sim.expectations().uncertain("call of " + partner.id() + " not created: " + answer.status());
                    finish();
                    return;
                }
                callId = answer.json().path("id").asLong();
                sim.lag().sent(partner.id(), "call", callId, "created", answer.sentNanos());
                onCall = 0;
                state = State.QUEUE;
            }
            case QUEUE -> {
                if (!applied(answer, sim)) {
                    return;
                }
                queuedAt = sim.now();
                sim.lag().sent(partner.id(), "call", callId, "queued", answer.sentNanos());
                state = State.ACQUIRE;
            }
            case RING -> {
                if (!applied(answer, sim)) {
                    return;
                }
                state = State.CONNECT;
            }
            case CONNECT -> {
                if (!applied(answer, sim)) {
                    return;
                }
                onCall = 2;
                agentsOnCall.add(first);
                sim.lag().sent(partner.id(), "call", callId, "connected", answer.sentNanos());
                state = plan.hold() ? State.HOLD : plan.transfer() ? State.TRANSFER : State.THIRD_PARTY;
            }
            case HOLD -> {
                if (applied(answer, sim)) {
                    state = State.RESUME;
                }
            }
            case RESUME -> {
                if (applied(answer, sim)) {
                    state = plan.transfer() ? State.TRANSFER : State.THIRD_PARTY;
                }
            }
            case TRANSFER -> {
                if (applied(answer, sim)) {
                    state = State.JOIN;
                } else {
                    release(second);
                }
            }
            case JOIN -> {
                if (applied(answer, sim)) {
                    agentsOnCall.add(second);
                    onCall++;
                    state = State.LEAVE;
                } else {
                    release(second);
                }
            }
            case LEAVE -> {
                if (applied(answer, sim)) {
                    agentsOnCall.remove(first);
                    release(first);
                    onCall--;
                    state = State.THIRD_PARTY;
                }
            }
            case THIRD_PARTY -> {
                if (applied(answer, sim)) {
                    onCall++;
                    state = State.END;
                }
            }
            case END -> {
                if (answer.ok()) {
                    ended(answer.json(), answer.sentNanos(), sim);
                } else if (answer.status() == 409 && answer.earlierAttemptUncertain()) {
                    state = State.READ; // an attempt without an answer ended it: read what it became
                } else {
                    sim.expectations().uncertain("call " + callId + " of " + partner.id() + ": ended answered "
                            + answer.status() + " " + answer.body());
                    finish();
                }
            }
            case READ -> {
                if (answer.ok() && answer.json().path("ends_at").isTextual()) {
                    ended(answer.json(), answer.sentNanos(), sim);
                } else {
                    sim.expectations().uncertain("call " + callId + " of " + partner.id() + ": read answered " + answer.status());
                    finish();
                }
            }
            default -> throw new IllegalStateException("no answer expected in " + state);
        }
    }

    /**
     * A step that was applied. A step refused (a 409 after an attempt that may have applied it is taken
     * as applied) sends the call to its end.
     */
    private boolean applied(Answer answer, Sim sim) {
        if (answer.ok() || answer.status() == 409 && answer.earlierAttemptUncertain()) {
            return true;
        }
        sim.expectations().uncertain("call " + callId + " of " + partner.id() + ": " + state + " answered "
                + answer.status() + " " + answer.body());
        state = State.END;
        return false;
    }

    private void ended(JsonNode call, long sentNanos, Sim sim) {
        sim.expectations().callEnded(partner.id(), call);
        sim.lag().sent(partner.id(), "call", callId, "ended", sentNanos);
        finish();
    }

    private Step finish() {
        for (Agent agent : List.copyOf(held)) {
            release(agent);
        }
        agentsOnCall.clear();
        if (state != State.DONE) {
            partner.activeCalls--;
        }
        state = State.DONE;
        return DONE;
    }

    /** Gives an agent back to the free pool (once). */
    private void release(Agent agent) {
        if (agent != null && held.remove(agent)) {
            partner.freeVoiceAgents.addLast(agent);
        }
    }

    @Override
    void abandoned(Sim sim) {
        if (state != State.DONE) {
            sim.expectations().uncertain("call " + callId + " of " + partner.id() + " left in " + state);
            finish();
        }
    }
}
