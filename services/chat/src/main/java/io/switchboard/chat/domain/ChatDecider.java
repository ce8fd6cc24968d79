package io.switchboard.chat.domain;

import io.switchboard.chat.domain.Chat.Escalation;
import io.switchboard.chat.domain.Chat.Hands;
import io.switchboard.chat.domain.ChatCommand.Assign;
import io.switchboard.chat.domain.ChatCommand.AttachCustomData;
import io.switchboard.chat.domain.ChatCommand.RequestEscalation;
import io.switchboard.chat.domain.ChatCommand.UpdateEscalation;
import io.switchboard.chat.domain.ChatCommand.Claim;
import io.switchboard.chat.domain.ChatCommand.Mark;
import io.switchboard.chat.domain.ChatCommand.Release;
import io.switchboard.chat.domain.ChatCommand.CreateChat;
import io.switchboard.chat.domain.ChatCommand.CustomField;
import io.switchboard.chat.domain.ChatCommand.SendMessage;
import io.switchboard.chat.domain.ChatCommand.TimeOut;
import io.switchboard.chat.domain.ChatCommand.UpdateChat;
import io.switchboard.chat.domain.ChatCommand.UpdateCustomerFlags;
import io.switchboard.chat.domain.ChatCommand.UpdateEndUser;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatClaimed;
import io.switchboard.events.chat.ChatEvents.EscalationRequested;
import io.switchboard.events.chat.ChatEvents.EscalationUpdated;
import io.switchboard.events.chat.ChatEvents.TranscriptEntry;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatMarked;
import io.switchboard.events.chat.ChatEvents.ChatReleased;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.chat.ChatEvents.CustomDataAttached;
import io.switchboard.events.chat.ChatEvents.CustomDataField;
import io.switchboard.events.chat.ChatEvents.CustomerFlags;
import io.switchboard.events.chat.ChatEvents.CustomerFlagsUpdated;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.events.chat.ChatEvents.EndUserUpdated;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.NotPermittedException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The chat aggregate: commands in, events out; every check happens before any event. */
public final class ChatDecider implements Decider<ChatCommand, Chat, DomainEvent> {
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    /** The statuses a client may set with PATCH; the others follow from routing and timeouts. */
    private static final Set<ChatStatus> SETTABLE = Set.of(ChatStatus.FINISHED, ChatStatus.DISMISSED);
    private static final Set<String> SENDER_TYPES = Set.of("end_user", "agent", "virtual_agent", "system");
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final String AGENT = "agent";
    static final String VIRTUAL_AGENT = "virtual_agent";

    @Override
    public Chat initialState() {
        return Chat.NONE;
    }

    @Override
    public List<DomainEvent> decide(ChatCommand command, Chat chat) {
        if (command instanceof CreateChat create) {
            return List.of(create(create, chat));
        }
        if (!chat.exists()) {
            throw new AggregateNotFoundException("chat", "");
        }
        if (command instanceof SendMessage message) {
            Long from = sendingAs(message);
            String key = message.idempotencyKey();
            if (key != null && chat.messageKeys().containsKey(key)) {
                if (fingerprint(from, message.type(), message.content()).equals(chat.messageKeys().get(key))) {
                    return List.of(); // a retry of the message sent with this key
                }
                throw new MessageKeyReusedException(key);
            }
            return List.of(message(message, from, chat));
        }
        if (command instanceof UpdateChat update) {
            return update(update, chat);
        }
        if (command instanceof UpdateCustomerFlags flags) {
            return flags(flags, chat);
        }
        if (command instanceof AttachCustomData custom) {
            return customData(custom, chat);
        }
        if (command instanceof Claim claim) {
            return claim(claim, chat);
        }
        if (command instanceof Release release) {
            return List.of(release(release, chat));
        }
        if (command instanceof Mark mark) {
            Long userId = actingAs(mark.userId(), mark.actor(), "user_id");
            requirePositive(userId, "user_id");
            if (isBlank(mark.mark()) || mark.mark().length() > 64) {
                throw new InvalidCommandException("mark", "mark is required (at most 64 characters)");
            }
            if (mark.note() != null && mark.note().length() > 2000) {
                throw new InvalidCommandException("note", "note is at most 2000 characters");
            }
            return List.of(new ChatMarked(chat.id(), userId, mark.mark(), mark.note(), mark.now()));
        }
        if (command instanceof RequestEscalation escalation) {
            return List.of(escalate(escalation, chat));
        }
        if (command instanceof UpdateEscalation update) {
            return updateEscalation(update, chat);
        }
        if (command instanceof Assign assign) {
            return assign(assign, chat);
        }
        if (command instanceof TimeOut timeOut) {
            boolean due = chat.status() == ChatStatus.QUEUED && !timeOut.now().isBefore(chat.timeoutAt());
            return due ? List.of(new ChatFinished(chat.id(), ChatStatus.TIMED_OUT.value(), "not picked up by timeout_at",
                    null, timeOut.now())) : List.of();
        }
        return List.of(endUser((UpdateEndUser) command, chat));
    }

    private static ChatCreated create(CreateChat create, Chat chat) {
        if (chat.exists()) {
            throw new IllegalTransitionException(chat.status().value(), "chat " + create.chatId() + " already exists");
        }
        if (create.menuId() == null || create.menuId() <= 0) {
            throw new InvalidCommandException("chat.menu_id", "menu_id is required and must be a positive integer");
        }
        if (create.endUserId() == null && isBlank(create.endUserPhone())) {
            throw new InvalidCommandException("chat.end_user_id", "end_user_id or end_user.phone is required");
        }
        if (create.endUserId() != null && create.endUserId() <= 0) {
            throw new InvalidCommandException("chat.end_user_id", "end_user_id must be a positive integer");
        }
        requireWellFormed(create.endUserPhone(), PHONE, "end_user.phone", "a well-formed phone number");
        requireWellFormed(create.email(), EMAIL, "chat.email", "a well-formed email address");
        String lang = create.lang() == null ? "en" : create.lang();
        if (!LANGUAGES.contains(lang.split("-")[0])) {
            throw new InvalidCommandException("chat.lang", "lang '" + lang + "' is not an ISO-639-1 language");
        }
        if (create.context() != null && create.context().containsKey("value") && !(create.context().get("value") instanceof Map)) {
            throw new InvalidCommandException("chat.context.value", "context.value must be an object");
        }
        List<TranscriptEntry> transcript = create.transcript() == null ? List.of() : create.transcript();
        for (int i = 0; i < transcript.size(); i++) {
            TranscriptEntry entry = transcript.get(i);
            String field = "chat.transcript.messages[" + i + "]";
            if (entry == null || entry.senderType() == null || !SENDER_TYPES.contains(entry.senderType())) {
                throw new InvalidCommandException(field + ".sender_type", "sender_type must be one of " + SENDER_TYPES);
            }
            if (isBlank(entry.text())) {
                throw new InvalidCommandException(field + ".text", "text is required");
            }
            if (entry.sentAt() != null && entry.sentAt().isAfter(create.now())) {
                throw new InvalidCommandException(field + ".sent_at", "sent_at cannot be in the future");
            }
        }
        String identifier = create.endUserPhone() != null ? create.endUserPhone() : String.valueOf(create.endUserId());
        return new ChatCreated(create.chatId(), ChatStatus.QUEUED.value(), create.menuId(), lang,
                new EndUser(create.endUserId(), identifier, null, null, create.endUserPhone()), create.email(),
                create.context() == null ? Map.of() : create.context(), transcript, List.of(),
                create.now(), create.timeoutAt());
    }

    /**
     * The user a message is sent as (null: the end user or the system). An agent sends only as itself,
     * and only if it is linked to an agent; a supervisor, admin or system caller names the sender.
     */
    private static Long sendingAs(SendMessage message) {
        if (message.fromUserId() != null && message.fromUserId() <= 0) {
            throw new InvalidCommandException("from_user_id", "from_user_id must be a positive integer");
        }
        Actor actor = message.actor();
        if (actor.forOthers()) {
            return message.fromUserId();
        }
        return actingAs(message.fromUserId(), actor, "from_user_id");
    }

    private static MessageSent message(SendMessage message, Long from, Chat chat) {
        requireOpen(chat, "send a message to");
        if (isBlank(message.type())) {
            throw new InvalidCommandException("message.type", "message.type is required");
        }
        if (isBlank(message.content())) {
            throw new InvalidCommandException("message.content", "message.content is required");
        }
        String senderType;
        String senderId;
        String senderName = null;
        if (from != null && !message.actor().forOthers()) {
            senderType = AGENT;
            senderId = from.toString();
            senderName = message.known().agentName();
        } else if (from != null) {
            if (from.equals(chat.hands().virtualAgentId())) {
                senderType = VIRTUAL_AGENT;
                senderName = message.known().virtualAgentName();
            } else if (message.known().agent()) {
                senderType = AGENT;
                senderName = message.known().agentName();
            } else {
                throw new InvalidCommandException("from_user_id", "from_user_id " + from
                        + " is neither the virtual agent holding this chat nor an active agent of this partner");
            }
            senderId = from.toString();
        } else if ("system".equals(message.type())) {
            senderType = "system";
            senderId = "system";
        } else {
            senderType = "end_user";
            senderId = chat.endUserId() != null ? chat.endUserId().toString() : chat.endUserIdentifier();
        }
        return new MessageSent(chat.id(), chat.messages() + 1, chat.segment(), senderType, senderId, senderName,
                message.type(), message.content(), Map.of(), message.now(), message.idempotencyKey());
    }

    /**
     * What makes two messages with one idempotency key "the same": the user sent as (an agent's or
     * virtual agent's id; none for the end user and the system), the type and the text. The sender type
     * is left out on purpose: it depends on who holds the chat, which may change between a message and
     * its retry.
     */
    static String fingerprint(Long from, String type, String text) {
        String canonical = (from == null ? "" : from.toString()) + "|" + (type == null ? -1 : type.length()) + "|"
                + (type == null ? "" : type) + (text == null ? "" : text);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The agent a command acts as, given the id it names in {@code field}: an agent is always itself (naming
     * another agent, or being linked to none, is not permitted); a supervisor, admin or system caller acts
     * for the named agent, else as its own agent (or nobody).
     */
    static Long actingAs(Long named, Actor actor, String field) {
        if (named != null && named <= 0) {
            throw new InvalidCommandException(field, field + " must be a positive integer");
        }
        if (actor.forOthers()) {
            return named != null ? named : actor.agentId();
        }
        if (actor.agentId() == null) {
            throw new NotPermittedException(field, "this caller is not linked to an agent (no numeric agent_id claim)");
        }
        if (named != null && !named.equals(actor.agentId())) {
            throw new NotPermittedException(field, "an agent acts only as itself: " + field + " must be absent or "
                    + actor.agentId());
        }
        return actor.agentId();
    }

    private static ChatReleased release(Release release, Chat chat) {
        Actor actor = release.actor();
        Long agentId = actor.forOthers() && release.agentId() == null ? chat.claimedBy()
                : actingAs(release.agentId(), actor, "agent_id");
        if (chat.claimedBy() == null) {
            throw new IllegalTransitionException(chat.status().value(), "chat is not claimed");
        }
        if (!chat.claimedBy().equals(agentId)) {
            throw new IllegalTransitionException(chat.status().value(),
                    "chat is claimed by agent " + chat.claimedBy() + ", not by agent " + agentId);
        }
        return new ChatReleased(chat.id(), agentId, release.now());
    }

    private static List<DomainEvent> update(UpdateChat update, Chat chat) {
        if (update.status() == null && update.deflectionChannel() == null && update.escalationId() == null) {
            throw new InvalidCommandException("chat", "nothing to update: give chat.status, chat.deflection_channel or chat.escalation_id");
        }
        if (update.escalationId() != null && !chat.escalations().containsKey(update.escalationId())) {
            throw new InvalidCommandException("chat.escalation_id", "escalation " + update.escalationId() + " does not exist for this chat");
        }
        Long by = actingAs(update.finishedByUserId(), update.actor(), "finished_by_user_id");
        ChatStatus target = null;
        if (update.status() != null) {
            target = SETTABLE.stream().filter(s -> s.value().equals(update.status())).findFirst()
                    .orElseThrow(() -> new InvalidCommandException("chat.status",
                            "status can be set to 'finished' or 'dismissed', not '" + update.status() + "'"));
        }
        requireOpen(chat, target == null ? "deflect" : "end");
        if (target == null && update.deflectionChannel() == null) {
            return List.of(); // an escalation_id alone only names the escalation: nothing changes
        }
        List<DomainEvent> events = new java.util.ArrayList<>();
        if (update.escalationId() != null && update.deflectionChannel() != null) {
            events.addAll(updateEscalation(new UpdateEscalation(update.escalationId(), update.deflectionChannel(),
                    update.now()), chat));
        }
        if (target == null) {
            // The channel the chat already has changes nothing: no event.
            if (!update.deflectionChannel().equals(chat.deflectionChannel())) {
                events.add(new ChatStatusChanged(chat.id(), chat.status().value(), chat.status().value(),
                        update.deflectionChannel(), by, update.now()));
            }
            return events;
        }
        String reason = update.deflectionChannel() == null ? null : "deflected to " + update.deflectionChannel();
        events.add(new ChatFinished(chat.id(), target.value(), reason, by, update.now()));
        return events;
    }

    private static List<DomainEvent> flags(UpdateCustomerFlags update, Chat chat) {
        if (update.verifiedCustomer() == null && update.badActor() == null && update.repeatCustomer() == null) {
            throw new InvalidCommandException("body", "give at least one of verified_customer, bad_actor, repeat_customer");
        }
        CustomerFlags former = chat.flags();
        CustomerFlags current = new CustomerFlags(
                update.verifiedCustomer() != null ? update.verifiedCustomer() : former.verifiedCustomer(),
                update.badActor() != null ? update.badActor() : former.badActor(),
                update.repeatCustomer() != null ? update.repeatCustomer() : former.repeatCustomer());
        return current.equals(former) ? List.of()
                : List.of(new CustomerFlagsUpdated(chat.id(), former, current, update.source(), update.now()));
    }

    private static final Map<String, String> RESERVED = Map.of(
            "reserved_verified_customer", "verified_customer",
            "reserved_bad_actor", "bad_actor",
            "reserved_repeat_customer", "repeat_customer");

    private static List<DomainEvent> customData(AttachCustomData custom, Chat chat) {
        if (custom.fields() == null || custom.fields().isEmpty()) {
            throw new InvalidCommandException(custom.signed() ? "signed_data" : "data", "custom data has no fields");
        }
        Map<String, Boolean> flags = new java.util.HashMap<>();
        Map<String, CustomDataField> fields = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, CustomField> entry : custom.fields().entrySet()) {
            String prefix = (custom.signed() ? "signed_data.custom_data." : "data.") + entry.getKey();
            if (entry.getValue() == null || entry.getValue().value() == null) {
                throw new InvalidCommandException(prefix + ".value", "every custom-data field needs a value");
            }
            if (RESERVED.containsKey(entry.getKey())) {
                if (!(entry.getValue().value() instanceof Boolean flag)) {
                    throw new InvalidCommandException(prefix + ".value", entry.getKey() + " must be true or false");
                }
                flags.put(RESERVED.get(entry.getKey()), flag);
            } else {
                fields.put(entry.getKey(), new CustomDataField(entry.getValue().label(), entry.getValue().value()));
            }
        }
        List<DomainEvent> events = new java.util.ArrayList<>();
        if (!flags.isEmpty()) {
            events.addAll(flags(new UpdateCustomerFlags(flags.get("verified_customer"), flags.get("bad_actor"),
                    flags.get("repeat_customer"), custom.signed() ? "signed_custom_data" : "custom_data", custom.now()), chat));
        }
        if (!fields.isEmpty()) {
            events.add(new CustomDataAttached(chat.id(), custom.signed(), fields, custom.now()));
        }
        return events;
    }

    private static List<DomainEvent> claim(Claim claim, Chat chat) {
        Long agentId = actingAs(claim.agentId(), claim.actor(), "agent_id");
        requirePositive(agentId, "agent_id");
        if (chat.status() != ChatStatus.QUEUED) {
            throw new IllegalTransitionException(chat.status().value(), "only a queued chat can be claimed");
        }
        if (agentId.equals(chat.claimedBy())) {
            return List.of();
        }
        if (chat.claimedBy() != null) {
            throw new IllegalTransitionException(chat.status().value(), "chat is already claimed by agent " + chat.claimedBy());
        }
        return List.of(new ChatClaimed(chat.id(), agentId, claim.now()));
    }

    private static EscalationRequested escalate(RequestEscalation request, Chat chat) {
        requireOpen(chat, "escalate");
        if (chat.status() != ChatStatus.VA_ASSIGNED) {
            throw new IllegalTransitionException(chat.status().value(), "only a chat held by a virtual agent can be escalated");
        }
        if (isBlank(request.reason()) || request.reason().length() > 255) {
            throw new InvalidCommandException("reason", "reason is required (at most 255 characters)");
        }
        chat.pendingEscalation().ifPresent(pending -> {
            throw new IllegalTransitionException(chat.status().value(), "escalation " + pending.id() + " is still pending");
        });
        return new EscalationRequested(chat.id(), request.escalationId(), request.reason(),
                Boolean.TRUE.equals(request.forceEscalate()), Escalation.PENDING, request.now());
    }

    private static List<DomainEvent> updateEscalation(UpdateEscalation update, Chat chat) {
        Escalation escalation = chat.escalations().get(update.escalationId());
        if (escalation == null) {
            throw new AggregateNotFoundException("escalation", Long.toString(update.escalationId()));
        }
        if (update.deflectionChannel() == null || !CHANNEL.matcher(update.deflectionChannel()).matches()) {
            throw new InvalidCommandException("deflection_channel",
                    "deflection_channel is required: lower-case letters, digits and '_' (e.g. voicemail, email)");
        }
        requireOpen(chat, "deflect");
        if (Escalation.ESCALATED.equals(escalation.status())) {
            throw new IllegalTransitionException(escalation.status(), "escalation " + escalation.id() + " already reached an agent");
        }
        if (update.deflectionChannel().equals(escalation.deflectionChannel())) {
            return List.of();
        }
        return List.of(new EscalationUpdated(chat.id(), escalation.id(), update.deflectionChannel(), Escalation.DEFLECTED,
                update.now()));
    }

    private static List<DomainEvent> assign(Assign assign, Chat chat) {
        if (!AGENT.equals(assign.assigneeType()) && !VIRTUAL_AGENT.equals(assign.assigneeType())) {
            throw new InvalidCommandException("assignee_type", "assignee_type must be agent or virtual_agent");
        }
        requirePositive(assign.assigneeId(), "assignee_id");
        Hands hands = chat.hands();
        if (!chat.isOpen() || assign.routingVersion() <= hands.routingVersion()) {
            return List.of();
        }
        boolean toAgent = AGENT.equals(assign.assigneeType());
        Long current = toAgent ? hands.agentId() : hands.virtualAgentId();
        // A bot comes first: once a human has the chat, a virtual agent does not take it back.
        if (Long.valueOf(assign.assigneeId()).equals(current) || (!toAgent && chat.status() == ChatStatus.ASSIGNED)) {
            return List.of();
        }
        int segment = hands.anyone() ? chat.segment() + 1 : chat.segment();
        List<DomainEvent> events = new java.util.ArrayList<>();
        events.add(new ChatAssigned(chat.id(), assign.assigneeType(), assign.assigneeId(), assign.assigneeName(), segment,
                "router", assign.now(), assign.routingVersion()));
        if (toAgent) {
            Long escalationId = assign.escalationId() != null ? assign.escalationId()
                    : chat.pendingEscalation().map(Escalation::id).orElse(null);
            Escalation escalation = escalationId == null ? null : chat.escalations().get(escalationId);
            if (escalation != null && Escalation.PENDING.equals(escalation.status())) {
                events.add(new EscalationUpdated(chat.id(), escalation.id(), null, Escalation.ESCALATED, assign.now()));
            }
        }
        return events;
    }

    private static void requirePositive(Long value, String field) {
        if (value == null || value <= 0) {
            throw new InvalidCommandException(field, field + " is required and must be a positive integer");
        }
    }

    private static EndUserUpdated endUser(UpdateEndUser update, Chat chat) {
        if (isBlank(update.identifier())) {
            throw new InvalidCommandException("identifier", "identifier is required");
        }
        requireWellFormed(update.email(), EMAIL, "email", "a well-formed email address");
        requireWellFormed(update.phone(), PHONE, "phone", "a well-formed phone number");
        return new EndUserUpdated(chat.id(), update.identifier(), update.name(), update.email(), update.phone(), update.now());
    }

    @Override
    public Chat evolve(Chat chat, DomainEvent event) {
        if (event instanceof ChatCreated created) {
            return new Chat(created.chatId(), ChatStatus.of(created.status()), created.menuId(), created.lang(),
                    created.endUser() == null ? null : created.endUser().id(),
                    created.endUser() == null ? null : created.endUser().identifier(),
                    created.email(), created.context(), created.features(), created.transcript(), created.createdAt(),
                    created.timeoutAt(), null, 1, 0, Chat.NO_FLAGS, null, Map.of(), null, Hands.NONE, Map.of());
        }
        if (event instanceof ChatAssigned assigned) {
            boolean toAgent = AGENT.equals(assigned.assigneeType());
            Hands hands = toAgent ? chat.hands().toAgent(assigned.assigneeId(), assigned.routingVersion())
                    : chat.hands().toVirtualAgent(assigned.assigneeId(), assigned.routingVersion());
            return chat.withHands(toAgent ? ChatStatus.ASSIGNED : ChatStatus.VA_ASSIGNED, assigned.segment(), hands);
        }
        if (event instanceof EscalationRequested requested) {
            return chat.withEscalation(new Escalation(requested.escalationId(), requested.reason(), requested.forceEscalate(),
                    requested.status(), null));
        }
        if (event instanceof EscalationUpdated updated) {
            Escalation former = chat.escalations().get(updated.escalationId());
            return former == null ? chat : chat.withEscalation(new Escalation(former.id(), former.reason(),
                    former.forceEscalate(), updated.status(),
                    updated.deflectionChannel() != null ? updated.deflectionChannel() : former.deflectionChannel()));
        }
        if (event instanceof MessageSent sent) {
            if (sent.idempotencyKey() == null) {
                return chat.withMessage(null, null);
            }
            boolean user = AGENT.equals(sent.senderType()) || VIRTUAL_AGENT.equals(sent.senderType());
            Long from = user ? Long.valueOf(sent.senderId()) : null;
            return chat.withMessage(sent.idempotencyKey(), fingerprint(from, sent.messageType(), sent.text()));
        }
        if (event instanceof ChatFinished finished) {
            return chat.withStatus(ChatStatus.of(finished.status()), finished.endedAt());
        }
        if (event instanceof ChatStatusChanged changed) {
            return chat.withStatus(ChatStatus.of(changed.status()), chat.endsAt()).withDeflection(changed.deflectionChannel());
        }
        if (event instanceof CustomerFlagsUpdated flags) {
            return chat.withFlags(flags.current());
        }
        if (event instanceof ChatClaimed claimed) {
            return chat.withClaim(claimed.agentId());
        }
        if (event instanceof ChatReleased) {
            return chat.withClaim(null);
        }
        if (event instanceof EndUserUpdated endUser) {
            return chat.withEndUser(endUser.identifier(), endUser.email());
        }
        return chat;
    }

    private static void requireOpen(Chat chat, String action) {
        if (!chat.isOpen()) {
            throw new IllegalTransitionException(chat.status().value(), "cannot " + action + " a chat that is " + chat.status().value());
        }
    }

    private static void requireWellFormed(String value, Pattern pattern, String field, String what) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new InvalidCommandException(field, field + " is not " + what);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
