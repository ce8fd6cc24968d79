package io.switchboard.chat.domain;

import io.switchboard.events.chat.ChatEvents.CustomerFlags;
import io.switchboard.events.chat.ChatEvents.TranscriptEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a chat, folded from its events ({@link ChatEvolution}); {@code null} fields are not known
 * (yet). Immutable: every event returns a new chat, changing only the group of fields it is about.
 * {@code endsAt} is when it ended (null while open); {@code escalations} its escalations by id.
 */
public record Chat(long id, ChatStatus status, Instant endsAt, Setup setup, Customer customer, Messages messages,
                   Hands hands, Map<Long, Escalation> escalations, String deflectionChannel) {

    public Chat {
        escalations = Map.copyOf(escalations);
    }

    public static final CustomerFlags NO_FLAGS = new CustomerFlags(false, false, false);

    /** The state of a chat that has no events: it does not exist. */
    public static final Chat NONE = new Chat(0, null, null, null, Customer.NONE, Messages.NONE, Hands.NONE, Map.of(),
            null);

    /** What the create fixed: the menu, language, context, features and transcript handed over, and the times. */
    public record Setup(Long menuId, String lang, Map<String, Object> context, List<String> features,
                        List<TranscriptEntry> transcript, Instant createdAt, Instant timeoutAt) {
        /** Copies of the event's collections (null where an old event has none), so the state cannot change under it. */
        public Setup {
            context = context == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(context));
            features = features == null ? null : Collections.unmodifiableList(new ArrayList<>(features));
            transcript = transcript == null ? null : Collections.unmodifiableList(new ArrayList<>(transcript));
        }
    }

    /** Who the end user is, as the chat knows them, and their flags. */
    public record Customer(Long endUserId, String identifier, String email, CustomerFlags flags) {
        static final Customer NONE = new Customer(null, null, null, NO_FLAGS);

        Customer identifiedAs(String newIdentifier, String newEmail) {
            return new Customer(endUserId, newIdentifier, newEmail == null ? email : newEmail, flags);
        }

        Customer flagged(CustomerFlags newFlags) {
            return new Customer(endUserId, identifier, email, newFlags);
        }
    }

    /** How many messages the chat has, and the idempotency keys of its messages with a fingerprint of each. */
    public record Messages(long count, Map<String, String> keys) {
        static final Messages NONE = new Messages(0, Map.of());

        Messages plus(String idempotencyKey, String fingerprint) {
            if (idempotencyKey == null) {
                return new Messages(count + 1, keys);
            }
            Map<String, String> more = new HashMap<>(keys);
            more.put(idempotencyKey, fingerprint);
            return new Messages(count + 1, Map.copyOf(more));
        }
    }

    /**
     * Who holds the chat ({@code agentId} or {@code virtualAgentId}, at most one) and everyone who held it,
     * in order; {@code segment} counts the hands it has been in (1 until its second hand). {@code routingVersion}
     * is the newest routing decision applied, so a late or repeated decision changes nothing. {@code claimedBy}
     * is the agent holding its claim, if any.
     */
    public record Hands(Long agentId, Long virtualAgentId, List<Long> allAgents, List<Long> allVirtualAgents,
                        long routingVersion, int segment, Long claimedBy) {
        public static final Hands NONE = new Hands(null, null, List.of(), List.of(), 0, 0, null);
        static final Hands FIRST = new Hands(null, null, List.of(), List.of(), 0, 1, null);

        public boolean anyone() {
            return !allAgents.isEmpty() || !allVirtualAgents.isEmpty();
        }

        Hands toAgent(long agent, long version, int newSegment) {
            return new Hands(agent, null, appended(allAgents, agent), allVirtualAgents,
                    Math.max(routingVersion, version), newSegment, claimedBy);
        }

        Hands toVirtualAgent(long virtualAgent, long version, int newSegment) {
            return new Hands(null, virtualAgent, allAgents, appended(allVirtualAgents, virtualAgent),
                    Math.max(routingVersion, version), newSegment, claimedBy);
        }

        Hands claimedBy(Long agent) {
            return new Hands(agentId, virtualAgentId, allAgents, allVirtualAgents, routingVersion, segment, agent);
        }

        private static List<Long> appended(List<Long> ids, long id) {
            if (ids.contains(id)) {
                return ids;
            }
            List<Long> more = new ArrayList<>(ids);
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
    public Optional<Escalation> pendingEscalation() {
        return escalations.values().stream().filter(e -> Escalation.PENDING.equals(e.status())).findFirst();
    }

    public CustomerFlags flags() {
        return customer.flags();
    }

    Chat with(ChatStatus newStatus, Instant ended) {
        return new Chat(id, newStatus, ended, setup, customer, messages, hands, escalations, deflectionChannel);
    }

    Chat with(Customer newCustomer) {
        return new Chat(id, status, endsAt, setup, newCustomer, messages, hands, escalations, deflectionChannel);
    }

    Chat with(Messages newMessages) {
        return new Chat(id, status, endsAt, setup, customer, newMessages, hands, escalations, deflectionChannel);
    }

    Chat with(ChatStatus newStatus, Hands newHands) {
        return new Chat(id, newStatus, endsAt, setup, customer, messages, newHands, escalations, deflectionChannel);
    }

    Chat deflectedTo(String channel) {
        return new Chat(id, status, endsAt, setup, customer, messages, hands, escalations, channel);
    }

    Chat with(Escalation escalation) {
        Map<Long, Escalation> more = new LinkedHashMap<>(escalations);
        more.put(escalation.id(), escalation);
        return new Chat(id, status, endsAt, setup, customer, messages, hands, Map.copyOf(more), deflectionChannel);
    }
}
