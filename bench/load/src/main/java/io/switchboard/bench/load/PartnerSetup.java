package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final Path stateDir;
    private final DemoAccounts accounts;

    PartnerSetup(Keycloak keycloak, Rest rest, LoadConfig config, List<Keycloak.User> created) {
        this(keycloak, rest, config, created, null);
    }

    /** {@code stateDir}: the launcher's state folder, for a fixed partner's passwords and directory (else unused). */
    PartnerSetup(Keycloak keycloak, Rest rest, LoadConfig config, List<Keycloak.User> created, Path stateDir) {
        this.keycloak = keycloak;
        this.rest = rest;
        this.config = config;
        this.created = created;
        this.stateDir = stateDir;
        this.accounts = stateDir == null ? null : new DemoAccounts(stateDir);
        if (config.fixedPartner() && stateDir == null) {
            throw new IllegalArgumentException("a fixed partner keeps its passwords and directory in the state folder: none given");
        }
    }

    /** Keycloak user names of a run start with this (for deleting them afterwards). */
    static String userPrefix(String runId) {
        return "load-" + runId + "-";
    }

    Partner create(int n) {
        if (config.fixedPartner()) {
            return createFixed();
        }
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

    private Partner createFixed() {
        String partnerId = config.partner();
        Credential admin = stable("admin", partnerId, "admin", null);
        Credential supervisor = stable("supervisor", partnerId, "supervisor", null);
        List<Credential> system = new ArrayList<>();
        for (int k = 1; k <= config.systemCredentials(); k++) {
            system.add(stable("system" + k, partnerId, "system", null));
        }
        Path file = DemoDirectory.file(stateDir, partnerId);
        DemoDirectory directory = DemoDirectory.load(file)
                .filter(d -> d.partner().equals(partnerId) && stillShown(d, supervisor))
                .orElseGet(() -> newDirectory(partnerId, admin));
        List<Long> voice = new ArrayList<>(directory.voiceAgents());
        List<Long> chat = new ArrayList<>(directory.chatAgents());
        while (voice.size() < config.voiceAgents()) {
            voice.add(agent(partnerId, "voice" + (voice.size() + 1), true, directory.voiceTeam(), admin));
        }
        while (chat.size() < config.chatAgents()) {
            chat.add(agent(partnerId, "chat" + (chat.size() + 1), false, directory.chatTeam(), admin));
        }
        directory = directory.withAgents(voice, chat);
        directory.save(file);
        List<Agent> agents = new ArrayList<>();
        for (int k = 1; k <= config.voiceAgents(); k++) {
            long id = voice.get(k - 1);
            agents.add(new Agent(id, true, stable("voice" + k, partnerId, "agent", id)));
        }
        for (int k = 1; k <= config.chatAgents(); k++) {
            long id = chat.get(k - 1);
            agents.add(new Agent(id, false, stable("chat" + k, partnerId, "agent", id)));
        }
        return new Partner(partnerId, admin, supervisor, system, directory.voiceTeam(), directory.chatTeam(),
                directory.voiceMenu(), directory.chatMenu(), directory.virtualAgent(), agents);
    }

    private DemoDirectory newDirectory(String partnerId, Credential admin) {
        long voiceTeam = id(post("teams", Map.of("name", "Voice team"), admin));
        long chatTeam = id(post("teams", Map.of("name", "Chat team"), admin));
        long bot = id(post("virtual_agents", Map.of("name", "Bot"), admin));
        long voiceMenu = id(post("menus", Map.of("name", "Voice line", "channel", "voice"), admin));
        long chatMenu = id(post("menus", Map.of("name", "Web chat", "channel", "chat",
                "team_assignments", List.of(Map.of("team_id", chatTeam)), "virtual_agent_id", bot), admin));
        return new DemoDirectory(partnerId, voiceTeam, chatTeam, bot, voiceMenu, chatMenu, List.of(), List.of());
    }

    private long agent(String partnerId, String handle, boolean voice, long team, Credential admin) {
        int number = Integer.parseInt(handle.replaceAll("\\D", ""));
        return id(post("agents", Map.of("first_name", voice ? "Voice" : "Chat", "last_name", "Agent " + number,
                "email", handle + "." + partnerId + "@demo.test", "teams", List.of(team)), admin));
    }

    /**
     * Whether the Manager API still shows the remembered directory's menus and agents (a state folder whose
     * databases were reset, or a file copied from elsewhere, does not: then a new directory is made).
     */
    private boolean stillShown(DemoDirectory directory, Credential supervisor) {
        Set<Long> menus = ids(rest.send("reporting", "GET", "/manager/api/v1/menus?per=1000", null, supervisor));
        Set<Long> agents = ids(rest.send("reporting", "GET", "/manager/api/v1/agents?per=1000", null, supervisor));
        return menus.contains(directory.voiceMenu()) && menus.contains(directory.chatMenu())
                && agents.containsAll(directory.voiceAgents()) && agents.containsAll(directory.chatAgents());
    }

    private static Set<Long> ids(Rest.Response page) {
        Set<Long> ids = new HashSet<>();
        if (page.status() == 200) {
            page.json().forEach(row -> ids.add(row.path("id").asLong()));
        }
        return ids;
    }

    /**
     * A stable user of the fixed partner: made (or brought up to date) with the password of the secrets file;
     * a login refused means the file's password changed since, so Keycloak's is set to it.
     */
    private Credential stable(String user, String partnerId, String role, Long agentId) {
        Keycloak.User account = keycloak.ensureUser(DemoAccounts.username(partnerId, user), accounts.password(partnerId, user),
                partnerId, List.of(role), agentId);
        try {
            return Credential.login(keycloak, account);
        } catch (IllegalStateException refused) {
            keycloak.resetPassword(account);
            return Credential.login(keycloak, account);
        }
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
