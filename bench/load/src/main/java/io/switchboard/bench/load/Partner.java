package io.switchboard.bench.load;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One simulated partner: its Keycloak users (an admin, a supervisor, system users for the telephony
 * webhooks, the chat relay and the bot, one user per agent) and its directory — a voice team and menu,
 * a chat team and a chat menu whose virtual agent takes new chats first.
 *
 * <p>Calls are rung by the provider (the {@code connecting} webhook names the agent), so the voice menu
 * serves no team and the router never rings one of these calls; chats go through the router (the bot
 * first, an escalation to the longest-idle available chat agent).
 */
public final class Partner {
    private final String id;
    private final Credential admin;
    private final Credential supervisor;
    private final List<Credential> system;
    private final long voiceTeam;
    private final long chatTeam;
    private final long voiceMenu;
    private final long chatMenu;
    private final long virtualAgent;
    private final List<Agent> agents;
    private final Map<Long, Agent> byId;

    // The run's state of the partner: touched by the driver thread only.
    final ArrayDeque<Agent> freeVoiceAgents = new ArrayDeque<>();
    int activeCalls;
    int activeChats;
    private int systemTurn;

    Partner(String id, Credential admin, Credential supervisor, List<Credential> system, long voiceTeam, long chatTeam,
            long voiceMenu, long chatMenu, long virtualAgent, List<Agent> agents) {
        this.id = id;
        this.admin = admin;
        this.supervisor = supervisor;
        this.system = List.copyOf(system);
        this.voiceTeam = voiceTeam;
        this.chatTeam = chatTeam;
        this.voiceMenu = voiceMenu;
        this.chatMenu = chatMenu;
        this.virtualAgent = virtualAgent;
        this.agents = List.copyOf(agents);
        this.byId = agents.stream().collect(Collectors.toMap(Agent::id, Function.identity()));
    }

    public String id() {
        return id;
    }

    public Credential admin() {
        return admin;
    }

    /** Reads the Manager API (reporting). */
    public Credential supervisor() {
        return supervisor;
    }

    public List<Credential> systemCredentials() {
        return system;
    }

    public long voiceTeam() {
        return voiceTeam;
    }

    public long chatTeam() {
        return chatTeam;
    }

    public long voiceMenu() {
        return voiceMenu;
    }

    public long chatMenu() {
        return chatMenu;
    }

    public long virtualAgent() {
        return virtualAgent;
    }

    public List<Agent> agents() {
        return agents;
    }

    public Agent agent(long agentId) {
        return byId.get(agentId);
    }

    /** The system users in turn, so that each one's rate limit carries an equal share. */
    Credential nextSystem() {
        Credential c = system.get(systemTurn);
        systemTurn = (systemTurn + 1) % system.size();
        return c;
    }

    List<Credential> credentials() {
        List<Credential> all = new java.util.ArrayList<>(List.of(admin, supervisor));
        all.addAll(system);
        agents.forEach(a -> all.add(a.credential()));
        return all;
    }

    void resetRunState() {
        freeVoiceAgents.clear();
        activeCalls = 0;
        activeChats = 0;
    }

    @Override
    public String toString() {
        return id;
    }
}
