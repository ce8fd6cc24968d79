package io.switchboard.chat.domain;

import io.switchboard.events.chat.ChatEvents.CustomerFlags;
import io.switchboard.events.chat.ChatEvents.TranscriptEntry;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a chat, folded from its events; {@code null} fields are not known (yet).
 * {@code segment} counts the hands the chat has been in (1 until its second hand), {@code messages} its
 * messages, {@code messageKeys} the idempotency keys of its messages with a fingerprint of what each sent, {@code claimedBy} the agent
 * holding its claim, {@code hands} who has it and had it, {@code escalations} its escalations by id.
 */
public record Chat(long id, ChatStatus status, Long menuId, String lang, Long endUserId, String endUserIdentifier,
                   String email, Map<String, Object> context, List<String> features, List<TranscriptEntry> transcript,
                   Instant createdAt, Instant timeoutAt, Instant endsAt, int segment, long messages,
                   CustomerFlags flags, String deflectionChannel, Map<String, String> messageKeys, Long claimedBy,
                   Hands hands, Map<Long, Escalation> escalations) {

    public static final CustomerFlags NO_FLAGS = new CustomerFlags(false, false, false);

    /** The state of a chat that has no events: it does not exist. */
    public static final Chat NONE = new Chat(0, null, null, null, null, null, null, Map.of(), List.of(), List.of(),
            null, null, null, 0, 0, NO_FLAGS, null, Map.of(), null, Hands.NONE, Map.of());

    /**
     * Who holds the chat ({@code agentId} or {@code virtualAgentId}, at most one) and everyone who held it,
     * in order. {@code routingVersion} is the newest routing decision applied, so a late or repeated
     * decision changes nothing.
     */
    public record Hands(Long agentId, Long virtualAgentId, List<Long> allAgents, List<Long> allVirtualAgents,
                        long routingVersion) {
        public static final Hands NONE = new Hands(null, null, List.of(), List.of(), 0);

        public boolean anyone() {
            return !allAgents.isEmpty() || !allVirtualAgents.isEmpty();
        }

        Hands toAgent(long agent, long version) {
            return new Hands(agent, null, appended(allAgents, agent), allVirtualAgents, Math.max(routingVersion, version));
        }

        Hands toVirtualAgent(long virtualAgent, long version) {
            return new Hands(null, virtualAgent, allAgents, appended(allVirtualAgents, virtualAgent),
                    Math.max(routingVersion, version));
        }

        private static List<Long> appended(List<Long> ids, long id) {
            if (ids.contains(id)) {
                return ids;
            }
            List<Long> more = new java.util.ArrayList<>(ids);
            more.add(id);
            return List.copyOf(more);
        }
    }

    /** An escalation from the virtual agent to a human: {@code pending}, {@code escalated} or {@code deflected}. */
    public record Escalation(long id, String reason, boolean forceEscalate, String status, String deflectionChannel) {
        public static final String PENDING = "pending";
        public static final String ESCALATED = "escalated";
        public static final String DEFLECTED = "deflected";
    }

    public boolean exists() {
        return status != null;
    }

    public boolean isOpen() {
        return status == ChatStatus.QUEUED || status == ChatStatus.VA_ASSIGNED || status == ChatStatus.ASSIGNED;
    }

    /** The escalation still waiting for a human, if any. */
    public java.util.Optional<Escalation> pendingEscalation() {
        return escalations.values().stream().filter(e -> Escalation.PENDING.equals(e.status())).findFirst();
    }

    Chat withStatus(ChatStatus newStatus, Instant ended) {
        return new Chat(id, newStatus, menuId, lang, endUserId, endUserIdentifier, email, context, features, transcript,
                createdAt, timeoutAt, ended, segment, messages, flags, deflectionChannel, messageKeys, claimedBy, hands,
                escalations);
    }

    Chat withMessage(String idempotencyKey, String fingerprint) {
        Map<String, String> keys = messageKeys;
        if (idempotencyKey != null) {
            keys = new HashMap<>(messageKeys);
            keys.put(idempotencyKey, fingerprint);
        }
        return new Chat(id, status, menuId, lang, endUserId, endUserIdentifier, email, context, features, transcript,
                createdAt, timeoutAt, endsAt, segment, messages + 1, flags, deflectionChannel, keys, claimedBy, hands,
                escalations);
    }

    Chat withFlags(CustomerFlags newFlags) {
        return new Chat(id, status, menuId, lang, endUserId, endUserIdentifier, email, context, features, transcript,
                createdAt, timeoutAt, endsAt, segment, messages, newFlags, deflectionChannel, messageKeys, claimedBy,
                hands, escalations);
    }

    Chat withEndUser(String identifier, String newEmail) {
        return new Chat(id, status, menuId, lang, endUserId, identifier, newEmail == null ? email : newEmail, context,
                features, transcript, createdAt, timeoutAt, endsAt, segment, messages, flags, deflectionChannel,
                messageKeys, claimedBy, hands, escalations);
    }

    Chat withClaim(Long agentId) {
        return new Chat(id, status, menuId, lang, endUserId, endUserIdentifier, email, context, features, transcript,
                createdAt, timeoutAt, endsAt, segment, messages, flags, deflectionChannel, messageKeys, agentId, hands,
                escalations);
    }

    Chat withDeflection(String channel) {
        return new Chat(id, status, menuId, lang, endUserId, endUserIdentifier, email, context, features, transcript,
                createdAt, timeoutAt, endsAt, segment, messages, flags, channel, messageKeys, claimedBy, hands,
                escalations);
    }

    Chat withHands(ChatStatus newStatus, int newSegment, Hands newHands) {
        return new Chat(id, newStatus, menuId, lang, endUserId, endUserIdentifier, email, context, features, transcript,
                createdAt, timeoutAt, endsAt, newSegment, messages, flags, deflectionChannel, messageKeys, claimedBy,
                newHands, escalations);
    }

    Chat withEscalation(Escalation escalation) {
        Map<Long, Escalation> more = new LinkedHashMap<>(escalations);
        more.put(escalation.id(), escalation);
        return new Chat(id, status, menuId, lang, endUserId, endUserIdentifier, email, context, features, transcript,
                createdAt, timeoutAt, endsAt, segment, messages, flags, deflectionChannel, messageKeys, claimedBy, hands,
                Map.copyOf(more));
    }
}
