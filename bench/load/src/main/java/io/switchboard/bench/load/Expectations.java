package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the read models must show once the pipeline has delivered everything the run wrote. Each value
 * comes from the write side's own answer to the command that ended the call or chat (or set the agent's
 * status), so it is exact whatever the timing was; a command that never got a conclusive answer is listed
 * in {@link #uncertain()} instead of guessed.
 */
public final class Expectations {
    /**
     * A call after its {@code ended} step.
     *
     * @param status       {@code finished} (it connected) or {@code failed} (abandoned in the queue)
     * @param participants participants that joined (the Manager API lists those)
     * @param transfers    transfers started
     * @param holdSeconds  the write side's {@code hold_duration} (whole seconds)
     * @param agentId      the agent that answered (the last one the provider connected), or null if it never connected
     */
    public record Call(String partnerId, long id, String status, int participants, int transfers, int holdSeconds,
                       Long agentId) {
    }

    /**
     * A chat after it was finished.
     *
     * @param status    {@code finished}
     * @param messages  messages acknowledged (each sent once, with an Idempotency-Key)
     * @param handOvers assignments it had (the bot, then an agent): the Manager API's chat participants
     * @param agentId   the agent that had it last, or null
     */
    public record Chat(String partnerId, long id, String status, int messages, int handOvers, Long agentId) {
    }

    /**
     * An agent after logging out. Its status in the Manager API is {@code status} once any wrap-up
     * period of its last call is over (the interaction service ends wrap-up with the status the agent had
     * set, 30 s by default).
     */
    public record AgentStatus(String partnerId, long id, String status) {
    }

    private final List<String> partnerIds;
    private final List<Call> calls = new ArrayList<>();
    private final List<Chat> chats = new ArrayList<>();
    private final List<AgentStatus> agents = new ArrayList<>();
    private final List<String> uncertain = new ArrayList<>();

    Expectations(List<String> partnerIds) {
        this.partnerIds = List.copyOf(partnerIds);
    }

    private Expectations(Expectations of) {
        this(of.partnerIds);
        calls.addAll(of.calls);
        chats.addAll(of.chats);
        agents.addAll(of.agents);
        uncertain.addAll(of.uncertain);
    }

    synchronized Expectations copy() {
        return new Expectations(this);
    }

    public List<String> partnerIds() {
        return partnerIds;
    }

    public List<Call> calls() {
        return Collections.unmodifiableList(calls);
    }

    public List<Chat> chats() {
        return Collections.unmodifiableList(chats);
    }

    public List<AgentStatus> agents() {
        return Collections.unmodifiableList(agents);
    }

    /** Calls, chats or agents whose final state the generator could not learn (e.g. no answer during a fault). */
    public List<String> uncertain() {
        return Collections.unmodifiableList(uncertain);
    }

    /** From the call object the interaction service answered the {@code ended} step (or a read) with. */
    synchronized void callEnded(String partnerId, JsonNode call) {
        int joined = 0;
        for (JsonNode p : call.path("participants")) {
            if (!p.path("connected_at").isNull() && !p.path("connected_at").isMissingNode()) {
                joined++;
            }
        }
        // The Manager API names the agent of a call that connected; the interaction service's call object
        // also names the agent a call rang without being answered.
        JsonNode agent = call.path("agent_info").path("id");
        boolean connected = !call.path("connected_at").isNull() && !call.path("connected_at").isMissingNode();
        calls.add(new Call(partnerId, call.path("id").asLong(), call.path("status").asText(), joined,
                call.path("transfers").size(), call.path("hold_duration").asInt(),
                connected && agent.isNumber() ? agent.asLong() : null));
    }

    /** From the chat object the chat service answered the finishing PATCH (or a read) with. */
    synchronized void chatFinished(String partnerId, JsonNode chat, int messages) {
        JsonNode agent = chat.path("agent").path("id");
        chats.add(new Chat(partnerId, chat.path("id").asLong(), chat.path("status").asText(), messages,
                chat.path("all_agents").size() + chat.path("all_virtual_agents").size(),
                agent.isNumber() ? agent.asLong() : null));
    }

    synchronized void agentStatus(String partnerId, long agentId, String status) {
        agents.add(new AgentStatus(partnerId, agentId, status));
    }

    synchronized void uncertain(String what) {
        uncertain.add(what);
    }

    @Override
    public synchronized String toString() {
        return calls.size() + " calls, " + chats.size() + " chats, " + agents.size() + " agents, " + uncertain.size() + " uncertain";
    }
}
