package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Creates one simulated partner the way an operator and the partner's admin would: Keycloak users
 * through the admin API, the directory through the interaction service's Manager API writes, each agent's
 * Keycloak user linked to its directory id ({@code agent_id}).
 */
final class PartnerSetup {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Keycloak keycloak;
    private final Rest rest;
    private final LoadConfig config;
    private final List<Keycloak.User> created;

    PartnerSetup(Keycloak keycloak, Rest rest, LoadConfig config, List<Keycloak.User> created) {
        this.keycloak = keycloak;
        this.rest = rest;
        this.config = config;
        this.created = created;
    }

    /** Keycloak user names of a run start with this (for deleting them afterwards). */
    static String userPrefix(String runId) {
        return "load-" + runId + "-";
    }

    Partner create(int n) {
        String partnerId = config.partnerId(n);
        String prefix = userPrefix(config.runId()) + "p" + n + "-";
        Credential admin = user(prefix + "admin", partnerId, "admin", null);
        Credential supervisor = user(prefix + "sup", partnerId, "supervisor", null);
        List<Credential> system = new ArrayList<>();
        for (int k = 1; k <= config.systemCredentials(); k++) {
            system.add(user(prefix + "sys" + k, partnerId, "system", null));
        }
        long voiceTeam = id(post("teams", Map.of("name", "Voice " + partnerId), admin));
        long chatTeam = id(post("teams", Map.of("name", "Chat " + partnerId), admin));
        long bot = id(post("virtual_agents", Map.of("name", "Bot " + partnerId), admin));
        long voiceMenu = id(post("menus", Map.of("name", "Voice line " + partnerId, "channel", "voice"), admin));
        long chatMenu = id(post("menus", Map.of("name", "Chat " + partnerId, "channel", "chat",
                "team_assignments", List.of(Map.of("team_id", chatTeam)), "virtual_agent_id", bot), admin));
        List<Agent> agents = new ArrayList<>();
        for (int k = 1; k <= config.voiceAgents() + config.chatAgents(); k++) {
            boolean voice = k <= config.voiceAgents();
            String handle = (voice ? "v" : "c") + k;
            long agentId = id(post("agents", Map.of("first_name", voice ? "Voice" : "Chat", "last_name", "Agent " + k,
                    "email", handle + "." + partnerId + "@load.test", "teams", List.of(voice ? voiceTeam : chatTeam)), admin));
            agents.add(new Agent(agentId, voice, user(prefix + handle, partnerId, "agent", agentId)));
        }
        return new Partner(partnerId, admin, supervisor, system, voiceTeam, chatTeam, voiceMenu, chatMenu, bot, agents);
    }

    /** Waits until the Manager API (reporting) shows every agent of the partner: the pipeline has delivered its directory. */
    void awaitDirectory(Partner partner, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int expected = partner.agents().size();
        while (true) {
            Rest.Response answer = rest.send("reporting", "GET", "/manager/api/v1/agents?per=1000", null, partner.supervisor());
            if (answer.status() == 200 && answer.json().size() >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Manager API shows " + (answer.status() == 200 ? answer.json().size() : "no")
                        + " of " + expected + " agents of " + partner.id() + " after " + patience + " (" + answer.status() + ")");
            }
            Thread.sleep(250);
        }
    }

    private Credential user(String username, String partnerId, String role, Long agentId) {
        Keycloak.User user = keycloak.createUser(username, password(), partnerId, List.of(role), agentId);
        synchronized (created) {
            created.add(user);
        }
        return Credential.login(keycloak, user);
    }

    private JsonNode post(String resource, Object body, Credential admin) {
        return rest.expect(201, "interaction", "POST", "/manager/api/v1/" + resource, body, admin);
    }

    private static long id(JsonNode created) {
        return created.path("id").asLong();
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
