package io.switchboard.reporting.dataapi.policy;

import io.switchboard.web.Roles;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Platform Data API's actions ({@code <domain>:<query>}, the vendor's exact casing) and the default
 * policies every partner starts with (seed 000's three, and Dimension access). An action is served only once the schema has its query;
 * the ones listed here but not served yet can already be put in policies (the defaults name them).
 */
public final class DataActions {
    public static final String CONVERSATION_DATA = "conversationdata";
    public static final String DIMENSION_DATA = "dimensiondata";
    public static final Set<String> DOMAINS = Set.of(CONVERSATION_DATA, DIMENSION_DATA);

    public static final List<String> CONVERSATION_ACCESS = List.of(
            "conversationdata:getConversationById", "conversationdata:getConversationsByCustomer",
            "conversationdata:getConversationsByItinerary", "conversationdata:getConversationsByEmail",
            "conversationdata:getAgentAssistConversations", "conversationdata:getAgentAssignedConversations");
    public static final List<String> TRANSCRIPT_SEARCH = List.of(
            "conversationdata:getConversationsByAttributes", "conversationdata:getConversationsByAgent",
            "conversationdata:GetMarkedConversations", "conversationdata:GetQueuedConversations");
    public static final List<String> CLAIM_RELEASE = List.of("conversationdata:getClaimedConversations");
    /** The dimensiondata queries (package {@code dataapi.dimensions}): the directory and the intents found. */
    public static final List<String> DIMENSION_ACCESS = List.of("dimensiondata:getAgents", "dimensiondata:getAgentById",
            "dimensiondata:getTeams", "dimensiondata:getMenus", "dimensiondata:getVirtualAgents",
            "dimensiondata:getIntents");
    /** Not in seed 000: the analytical queries (the vendor's RBAC has an "Analytics Viewer" policy). */
    public static final List<String> ANALYTICS = List.of("conversationdata:getConversationMetrics");
    public static final String ANALYTICS_POLICY = "Analytics";

    /** Every action a policy may name. */
    public static final Set<String> ALL;

    static {
        Set<String> all = new LinkedHashSet<>();
        all.addAll(CONVERSATION_ACCESS);
        all.addAll(TRANSCRIPT_SEARCH);
        all.addAll(CLAIM_RELEASE);
        all.addAll(DIMENSION_ACCESS);
        all.addAll(ANALYTICS);
        ALL = Set.copyOf(all);
    }

    /**
     * A default policy: its name, description, actions, the roles it is assigned to at first use, and the
     * generation of the defaults that introduced it ({@link #DEFAULTS_VERSION}).
     */
    public record DefaultPolicy(String name, String description, List<String> actions, List<String> roles, int since) {
        public DefaultPolicy(String name, String description, List<String> actions, List<String> roles) {
            this(name, description, actions, roles, 1);
        }
    }

    /**
     * The generation of {@link #DEFAULTS}: a partner seeded at an older one gets the defaults added since, once
     * (2: Dimension access; 3: Analytics).
     */
    public static final int DEFAULTS_VERSION = 3;

    /**
     * Seed 000's defaults: Conversation access to every agent, Transcript search to supervisors, Claim release
     * to enhanced agents and supervisors; and Analytics to supervisors. An admin gets what a supervisor gets (it
     * manages them).
     */
    public static final List<DefaultPolicy> DEFAULTS = List.of(
            new DefaultPolicy("Conversation access", "Look up conversations by id, customer, itinerary or e-mail, "
                    + "and an agent's own assigned and assist conversations.", CONVERSATION_ACCESS,
                    List.of(Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN)),
            new DefaultPolicy("Transcript search", "Search conversations by attributes or agent, and list marked "
                    + "and queued conversations.", TRANSCRIPT_SEARCH, List.of(Roles.SUPERVISOR, Roles.ADMIN)),
            new DefaultPolicy("Claim release", "List claimed conversations (to claim or release them).",
                    CLAIM_RELEASE, List.of(Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN)),
            // Directory data every role already sees in the consoles (who is in which team, which menus exist).
            new DefaultPolicy("Dimension access", "Read the directory (agents, teams, menus, virtual agents) and the "
                    + "intents found in conversations.", DIMENSION_ACCESS,
                    List.of(Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN), 2),
            // The third generation: partners seeded before get it once (DEFAULTS_VERSION).
            new DefaultPolicy(ANALYTICS_POLICY, "Counts and durations of conversations by interval, time zone and "
                    + "channel, menu, agent, team or intent.", ANALYTICS, List.of(Roles.SUPERVISOR, Roles.ADMIN), 3));

    /** The partner roles policies are assigned to; {@code system} is above policies (it reads every action). */
    public static final List<String> ASSIGNABLE_ROLES = List.of(Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR,
            Roles.ADMIN);

    private DataActions() {
    }

    /** The domain a query of the schema belongs to: dimensiondata for its queries, conversationdata otherwise. */
    public static String domainOf(String query) {
        return DIMENSION_ACCESS.contains(action(DIMENSION_DATA, query)) ? DIMENSION_DATA : CONVERSATION_DATA;
    }

    public static String action(String domain, String query) {
        return domain + ":" + query;
    }

    static Map<String, DefaultPolicy> defaultsByName() {
        Map<String, DefaultPolicy> byName = new java.util.LinkedHashMap<>();
        DEFAULTS.forEach(d -> byName.put(d.name(), d));
        return byName;
    }
}
