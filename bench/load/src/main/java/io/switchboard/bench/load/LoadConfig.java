package io.switchboard.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the simulated contact center does. Build from {@link #defaults()} and the withers, e.g.
 * {@code LoadConfig.defaults().partners(3).eventsPerSecond(1000).duration(Duration.ofSeconds(60))}.
 *
 * @param runId                 names this run's partners ({@code load-<runId>-p1}, …) and Keycloak users
 * @param partners              partners simulated at once; each has its own Keycloak users and directory
 * @param voiceAgents           agents per partner taking calls (one call at a time)
 * @param chatAgents            agents per partner taking chats the router hands them (one at a time)
 * @param systemCredentials     Keycloak users with role {@code system} per partner (telephony webhooks, the
 *                              chat relay and the bot), used in turn so that no single credential's rate
 *                              limit caps the run
 * @param eventsPerSecond       target rate of events the commands cause (direct and through the router
 *                              and agent status); {@code Double.POSITIVE_INFINITY} = as fast as
 *                              {@code maxInFlight} requests allow
 * @param duration              how long new calls and chats start; then the open ones end and agents log out
 * @param maxCommands           at most this many event-writing commands (then it winds down like at the end
 *                              of {@code duration})
 * @param maxInFlight           HTTP requests outstanding at once (all services together)
 * @param chatShare             share of the target events that come from chats (the rest: calls and agents)
 * @param thinkTime             mean pause of a call or chat between two of its steps (uniform 0.5×–1.5×)
 * @param breakEvery            mean time between an agent's breaks (exponential); a break lasts 1–4 s
 * @param queuePatience         a call waiting longer than this for a free agent is abandoned (ended unconnected)
 * @param routingPatience       a chat waiting longer than this for the router (bot or agent) is finished
 * @param windDown              at most this long for the open calls and chats to end and agents to log out
 * @param seed                  random choices (which steps a call takes, messages, pauses)
 * @param responseChars         response bodies kept in the command log up to this many characters
 * @param commandLog            every command and its answer as JSON lines, or null
 * @param partner               null: partners {@code load-<runId>-p<n>} with throw-away Keycloak users (deleted
 *                              by {@link ContactCenter#close()}); else this one partner id (1–32 lower-case
 *                              letters or digits, {@code partners} = 1) with stable users
 *                              {@code <partner>-supervisor}, … whose passwords are the launcher's secrets, kept
 *                              after the run, and a directory reused by the next run ({@link Demo})
 */
public record LoadConfig(String runId, int partners, int voiceAgents, int chatAgents, int systemCredentials,
                         double eventsPerSecond, Duration duration, long maxCommands, int maxInFlight,
                         double chatShare, Duration thinkTime, Duration breakEvery, Duration queuePatience,
                         Duration routingPatience, Duration windDown, long seed, int responseChars, Path commandLog,
                         String partner) {

    public LoadConfig {
        if (runId == null || !runId.matches("[a-z0-9]{1,16}")) {
            throw new IllegalArgumentException("runId: 1–16 lower-case letters or digits");
        }
        if (partners < 1 || voiceAgents < 2 || chatAgents < 1 || systemCredentials < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("partners ≥ 1, voiceAgents ≥ 2, chatAgents ≥ 1, systemCredentials ≥ 1, maxInFlight ≥ 1");
        }
        if (!(eventsPerSecond > 0) || chatShare < 0 || chatShare > 1 || maxCommands < 1) {
            throw new IllegalArgumentException("eventsPerSecond > 0, 0 ≤ chatShare ≤ 1, maxCommands ≥ 1");
        }
        if (partner != null && (!partner.matches("[a-z0-9]{1,32}") || partners != 1)) {
            // No '-' or '_': a user's secret name (SWITCHBOARD_DEMO_CENTER_<PARTNER>_<USER>_PASSWORD) must map back to its user name.
            throw new IllegalArgumentException("partner: 1–32 lower-case letters or digits, and partners = 1 with a fixed partner");
        }
    }

    public static LoadConfig defaults() {
        String runId = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36)
                .toLowerCase(Locale.ROOT);
        return new LoadConfig(runId, 3, 10, 10, 3, 200, Duration.ofSeconds(60), Long.MAX_VALUE, 32, 0.35,
                Duration.ofMillis(150), Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(60),
                Duration.ofMinutes(3), 42, 1024, null, null);
    }

    /** The partner id of partner number {@code n} (1-based) of this run. */
    public String partnerId(int n) {
        if (partner != null) {
            return partner;
        }
        return "load-" + runId + "-p" + n;
    }

    /** True when the partner is fixed ({@link #partner()}): stable users and a reused directory. */
    public boolean fixedPartner() {
        return partner != null;
    }

    public boolean unpaced() {
        return Double.isInfinite(eventsPerSecond);
    }

    public LoadConfig runId(String v) { return new LoadConfig(v, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig partners(int v) { return new LoadConfig(runId, v, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig voiceAgents(int v) { return new LoadConfig(runId, partners, v, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig chatAgents(int v) { return new LoadConfig(runId, partners, voiceAgents, v, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig systemCredentials(int v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, v, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig eventsPerSecond(double v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, v, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig duration(Duration v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, v, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig maxCommands(long v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, v, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig maxInFlight(int v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, v, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig chatShare(double v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, v, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig thinkTime(Duration v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, v, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig breakEvery(Duration v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, v, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig queuePatience(Duration v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, v, routingPatience, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig routingPatience(Duration v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, v, windDown, seed, responseChars, commandLog, partner); }
    public LoadConfig windDown(Duration v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, v, seed, responseChars, commandLog, partner); }
    public LoadConfig seed(long v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, v, responseChars, commandLog, partner); }
    public LoadConfig responseChars(int v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, v, commandLog, partner); }
    public LoadConfig commandLog(Path v) { return new LoadConfig(runId, partners, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, v, partner); }
    /** One fixed partner (a demo others log in to), or null for throw-away {@code load-…} partners. */
    public LoadConfig partner(String v) { return new LoadConfig(runId, v == null ? partners : 1, voiceAgents, chatAgents, systemCredentials, eventsPerSecond, duration, maxCommands, maxInFlight, chatShare, thinkTime, breakEvery, queuePatience, routingPatience, windDown, seed, responseChars, commandLog, v); }
}
