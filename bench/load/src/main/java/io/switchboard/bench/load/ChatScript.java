package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A web chat from the bot to an agent (chat service, {@code /apps/api/v1/chats}): the partner's server
 * creates it (a system credential; the chat menu's virtual agent takes it through the router), relays the
 * end user's messages, the bot answers (a system credential naming the virtual agent), and — as drawn at
 * arrival — the end user asks for a person: the escalation goes through the router to the longest-idle
 * available chat agent, who answers with its own token and finishes the chat. Without an escalation the
 * partner's server finishes it. A chat waits at most {@link LoadConfig#routingPatience()} for the router
 * (polling the chat as a chat client does), then it is finished as it is.
 *
 * <p>Every create and message carries an Idempotency-Key, so a retry after a lost answer can never make a
 * second chat or message. Expected events per step (pacing only): create 3 (created; routed to the bot
 * and assigned), message 1, escalation 6 (requested, routed, assigned, escalation updated, agent work
 * started and {@code in_chat}), finish 1, or 3 by the agent (work ended, status back).
 */
final class ChatScript extends Script {
    enum State { CREATE, FIRST_MESSAGE, WAIT_BOT, BOT_ROUND, ESCALATE, WAIT_AGENT, AGENT_ROUND, FINISH, READ, DONE }

    /** Rounds of messages with the bot and with the agent, and whether the end user asks for a person. */
    record Plan(int botRounds, boolean escalate, int agentRounds) {
        static Plan draw(java.util.Random random) {
            return new Plan(1 + random.nextInt(2), random.nextDouble() < 0.75, 1 + random.nextInt(3));
        }

        double expectedEvents() {
            double events = 3 + 1 + botRounds * 2.0 + 1;
            if (escalate) {
                events += 6 + agentRounds * 2.0 + 2;
            }
            return events;
        }
    }

    private static final long POLL_MILLIS = 400;
    private final Plan plan;
    private final String keyPrefix;
    private State state = State.CREATE;
    private long chatId;
    private int endUserId;
    private long waitingSince;
    private int round;
    private boolean endUserTurn = true;
    private int messages;
    private Agent agent;
    /** A message whose outcome is unknown (no conclusive answer): the chat's message count cannot be expected. */
    private boolean messageUnknown;
    /** Set by an answer after which the chat waits (for the router, or for the chat service to know the menu). */
    private boolean pause;

    ChatScript(Partner partner, Plan plan, String keyPrefix) {
        super(partner);
        this.plan = plan;
        this.keyPrefix = keyPrefix;
        partner.activeChats++;
    }

    State state() {
        return state;
    }

    @Override
    Step next(Sim sim) {
        if (sim.windingDown()) {
            switch (state) {
                case CREATE -> {
                    return finish();
                }
                case FIRST_MESSAGE, WAIT_BOT, BOT_ROUND, ESCALATE, WAIT_AGENT, AGENT_ROUND -> state = State.FINISH;
                default -> {
                }
            }
        }
        return switch (state) {
            case CREATE -> {
                if (waitingSince == 0) {
                    waitingSince = sim.now();
                    endUserId = 1 + sim.random().nextInt(1_000_000);
                }
                // The same body every time: a create asked again (the menu not known yet) reuses its key.
                yield new Send(command("chat.create", "chat", "POST", "/apps/api/v1/chats",
                        Map.of("chat", Map.of("menu_id", partner.chatMenu(), "end_user_id", endUserId)),
                        partner.nextSystem(), keyPrefix + "create", 3));
            }
            case FIRST_MESSAGE -> message(null, partner.nextSystem(), "Hello, I need help with my order", sim);
            case WAIT_BOT, WAIT_AGENT -> new Send(command("chat.read", "chat", "GET", "/apps/api/v1/chats/" + chatId, null,
                    partner.nextSystem(), null, 0));
            case BOT_ROUND -> endUserTurn
                    ? message(null, partner.nextSystem(), "Order " + (10000 + sim.random().nextInt(90000)) + ", it has not arrived", sim)
                    : message(partner.virtualAgent(), partner.nextSystem(), "Let me check that for you", sim);
            case ESCALATE -> new Send(command("chat.escalate", "chat", "POST", "/apps/api/v1/chats/" + chatId + "/escalations",
                    Map.of("reason", "by_end_user_ask", "force_escalate", true), partner.nextSystem(), null, 6));
            case AGENT_ROUND -> endUserTurn
                    ? message(null, partner.nextSystem(), "Thank you, is there any news?", sim)
                    : message(null, agent.credential(), "I have found your order, it ships today", sim);
            case FINISH -> {
                Map<String, Object> chat = new LinkedHashMap<>();
                chat.put("status", "finished");
                boolean byAgent = agent != null;
                yield new Send(command("chat.finish", "chat", "PATCH", "/apps/api/v1/chats/" + chatId, Map.of("chat", chat),
                        byAgent ? agent.credential() : partner.nextSystem(), null, byAgent ? 3 : 1));
            }
            case READ -> new Send(command("chat.read", "chat", "GET", "/apps/api/v1/chats/" + chatId, null,
                    partner.nextSystem(), null, 0));
            case DONE -> DONE;
        };
    }

    private Step message(Long fromUser, Credential as, String text, Sim sim) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (fromUser != null) {
            body.put("from_user_id", fromUser);
        }
        body.put("message", Map.of("type", "text", "content", text));
        return new Send(command("chat.message", "chat", "POST", "/apps/api/v1/chats/" + chatId + "/message", body, as,
                keyPrefix + "m" + (messages + 1), 1));
    }

    @Override
    void answered(Command command, Answer answer, Sim sim) {
        switch (state) {
            case CREATE -> {
                if (answer.status() == 201) {
                    chatId = answer.json().path("id").asLong();
                    sim.lag().sent(partner.id(), "chat", chatId, "created", answer.sentNanos());
                    state = State.FIRST_MESSAGE;
                } else if (answer.status() == 400 && answer.body() != null && answer.body().contains("chat.menu_id")
                        && sim.now() - waitingSince < sim.config().routingPatience().toNanos()) {
                    // The chat service learns of a new menu through the pipeline: ask again with the same key.
                    pause = true;
                } else {
                    sim.expectations().uncertain("chat of " + partner.id() + " not created: " + answer.status() + " " + answer.body());
                    finish();
                }
            }
            case FIRST_MESSAGE, BOT_ROUND, AGENT_ROUND -> {
                if (!answer.ok()) {
                    sim.expectations().uncertain("chat " + chatId + " of " + partner.id() + ": message answered "
                            + answer.status() + " " + answer.body());
                    messageUnknown |= answer.earlierAttemptUncertain() || answer.uncertain();
                    state = State.FINISH;
                    return;
                }
                messages++;
                sim.lag().sent(partner.id(), "chat", chatId, "msg:" + messages, answer.sentNanos());
                if (state == State.FIRST_MESSAGE) {
                    state = State.WAIT_BOT;
                    waitingSince = sim.now();
                } else if (!endUserTurn && ++round >= (state == State.BOT_ROUND ? plan.botRounds() : plan.agentRounds())) {
                    round = 0;
                    endUserTurn = true;
                    state = state == State.BOT_ROUND ? (plan.escalate() ? State.ESCALATE : State.FINISH) : State.FINISH;
                } else {
                    endUserTurn = !endUserTurn;
                }
            }
            case WAIT_BOT -> {
                String status = answer.json().path("status").asText();
                if (answer.ok() && "va_assigned".equals(status)) {
                    state = State.BOT_ROUND;
                } else if (!answer.ok() || !"queued".equals(status)
                        || sim.now() - waitingSince > sim.config().routingPatience().toNanos()) {
                    sim.expectations().uncertain("chat " + chatId + " of " + partner.id() + " not with the bot: "
                            + answer.status() + " " + status);
                    state = State.FINISH;
                } else {
                    pause = true;
                }
            }
            case ESCALATE -> {
                if (answer.ok() || answer.status() == 409 && answer.earlierAttemptUncertain()) {
                    state = State.WAIT_AGENT;
                    waitingSince = sim.now();
                } else {
                    sim.expectations().uncertain("chat " + chatId + " of " + partner.id() + ": escalation answered "
                            + answer.status() + " " + answer.body());
                    state = State.FINISH;
                }
            }
            case WAIT_AGENT -> {
                JsonNode chat = answer.json();
                JsonNode assignee = chat.path("agent").path("id");
                if (answer.ok() && "assigned".equals(chat.path("status").asText()) && assignee.isNumber()
                        && partner.agent(assignee.asLong()) != null) {
                    agent = partner.agent(assignee.asLong());
                    state = State.AGENT_ROUND;
                } else if (!answer.ok() || sim.now() - waitingSince > sim.config().routingPatience().toNanos()) {
                    sim.expectations().uncertain("chat " + chatId + " of " + partner.id() + " reached no agent: "
                            + answer.status() + " " + chat.path("status").asText());
                    state = State.FINISH;
                } else {
                    pause = true;
                }
            }
            case FINISH -> {
                if (answer.ok()) {
                    finished(answer.json(), answer.sentNanos(), sim);
                } else if (answer.status() == 409 && answer.earlierAttemptUncertain()) {
                    state = State.READ;
                } else {
                    sim.expectations().uncertain("chat " + chatId + " of " + partner.id() + ": finish answered "
                            + answer.status() + " " + answer.body());
                    finish();
                }
            }
            case READ -> {
                if (answer.ok() && "finished".equals(answer.json().path("status").asText())) {
                    finished(answer.json(), answer.sentNanos(), sim);
                } else {
                    sim.expectations().uncertain("chat " + chatId + " of " + partner.id() + ": read answered " + answer.status());
                    finish();
                }
            }
            default -> throw new IllegalStateException("no answer expected in " + state);
        }
    }

    /** The pause after an answer: polls wait {@value #POLL_MILLIS} ms (a create 500 ms), conversation steps a think time. */
    @Override
    Sleep pauseAfterAnswer(Sim sim) {
        if (pause) {
            pause = false;
            return sleep(sim, state == State.CREATE ? 500 : POLL_MILLIS);
        }
        return thinkThen(sim);
    }

    @Override
    boolean done() {
        return state == State.DONE;
    }

    private void finished(JsonNode chat, long sentNanos, Sim sim) {
        if (messageUnknown) {
            sim.expectations().uncertain("chat " + chatId + " of " + partner.id() + ": finished, message count unknown");
        } else {
            sim.expectations().chatFinished(partner.id(), chat, messages);
        }
        sim.lag().sent(partner.id(), "chat", chatId, "finished", sentNanos);
        finish();
    }

    private Step finish() {
        if (state != State.DONE) {
            partner.activeChats--;
        }
        state = State.DONE;
        return DONE;
    }

    @Override
    void abandoned(Sim sim) {
        if (state != State.DONE) {
            sim.expectations().uncertain("chat " + chatId + " of " + partner.id() + " left in " + state);
            finish();
        }
    }
}
