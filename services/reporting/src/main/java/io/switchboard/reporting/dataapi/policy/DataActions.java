package io.switchboard.reporting.dataapi.policy;

import io.switchboard.web.Roles;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Platform Data API's actions ({@code <domain>:<query>}, the vendor's exact casing) and the three
 * default policies every partner starts with. An action is served only once the schema has its query;
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
        all.addAll(ANALYTICS);
        ALL = Set.copyOf(all);
    }

    /** A default policy: its name, description, actions and the roles it is assigned to at first use. */
    public record DefaultPolicy(String name, String description, List<String> actions, List<String> roles) {
    }

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
            // Partners seeded before it get it from migration V30 (the defaults are created once per partner).
            new DefaultPolicy(ANALYTICS_POLICY, "Counts and durations of conversations by interval, time zone and "
                    + "channel, menu, agent, team or intent.", ANALYTICS, List.of(Roles.SUPERVISOR, Roles.ADMIN)));

    /** The partner roles policies are assigned to; {@code system} is above policies (it reads every action). */
    public static final List<String> ASSIGNABLE_ROLES = List.of(Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR,
            Roles.ADMIN);

    private DataActions() {
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
