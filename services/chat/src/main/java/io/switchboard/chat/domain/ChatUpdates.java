package io.switchboard.chat.domain;

import io.switchboard.chat.domain.ChatCommand.AttachCustomData;
import io.switchboard.chat.domain.ChatCommand.CustomField;
import io.switchboard.chat.domain.ChatCommand.Mark;
import io.switchboard.chat.domain.ChatCommand.TimeOut;
import io.switchboard.chat.domain.ChatCommand.UpdateChat;
import io.switchboard.chat.domain.ChatCommand.UpdateCustomerFlags;
import io.switchboard.chat.domain.ChatCommand.UpdateEndUser;
import io.switchboard.chat.domain.ChatCommand.UpdateEscalation;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatMarked;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.chat.ChatEvents.CustomDataAttached;
import io.switchboard.events.chat.ChatEvents.CustomDataField;
import io.switchboard.events.chat.ChatEvents.CustomerFlags;
import io.switchboard.events.chat.ChatEvents.CustomerFlagsUpdated;
import io.switchboard.events.chat.ChatEvents.EndUserUpdated;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to a chat besides its messages and hands: ending or deflecting it (PATCH), its timeout, customer
 * flags and custom data, the end user's details and supervisors' marks.
 */
final class ChatUpdates {
    /** The statuses a client may set with PATCH; the others follow from routing and timeouts. */
    private static final Set<ChatStatus> SETTABLE = Set.of(ChatStatus.FINISHED, ChatStatus.DISMISSED);
    /** The custom-data fields that set a customer flag instead of being stored. */
    private static final Map<String, String> RESERVED = Map.of(
            "reserved_verified_customer", "verified_customer",
            "reserved_bad_actor", "bad_actor",
            "reserved_repeat_customer", "repeat_customer");

    private ChatUpdates() {
    }

    static List<DomainEvent> mark(Mark mark, Chat chat) {
        Long userId = Actor.actingAs(mark.userId(), mark.actor(), "user_id");
        FieldChecks.requirePositive(userId, "user_id");
        if (FieldChecks.isBlank(mark.mark()) || mark.mark().length() > 64) {
            throw new InvalidCommandException("mark", "mark is required (at most 64 characters)");
        }
        if (mark.note() != null && mark.note().length() > 2000) {
            throw new InvalidCommandException("note", "note is at most 2000 characters");
        }
        return List.of(new ChatMarked(chat.id(), userId, mark.mark(), mark.note(), mark.now()));
    }

    /** Ends a chat nobody picked up by its {@code timeout_at}; any other chat is left alone. */
    static List<DomainEvent> timeOut(TimeOut timeOut, Chat chat) {
        boolean due = chat.status() == ChatStatus.QUEUED && !timeOut.now().isBefore(chat.setup().timeoutAt());
        return due ? List.of(new ChatFinished(chat.id(), ChatStatus.TIMED_OUT.value(), "not picked up by timeout_at",
                null, timeOut.now())) : List.of();
    }

    static List<DomainEvent> update(UpdateChat update, Chat chat) {
        if (update.status() == null && update.deflectionChannel() == null && update.escalationId() == null) {
            throw new InvalidCommandException("chat", "nothing to update: give chat.status, chat.deflection_channel or chat.escalation_id");
        }
        if (update.escalationId() != null && !chat.escalations().containsKey(update.escalationId())) {
            throw new InvalidCommandException("chat.escalation_id", "escalation " + update.escalationId() + " does not exist for this chat");
        }
        Long by = Actor.actingAs(update.finishedByUserId(), update.actor(), "finished_by_user_id");
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
        List<DomainEvent> events = new ArrayList<>();
        if (update.escalationId() != null && update.deflectionChannel() != null) {
            events.addAll(ChatHands.updateEscalation(new UpdateEscalation(update.escalationId(), update.deflectionChannel(),
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

    static List<DomainEvent> flags(UpdateCustomerFlags update, Chat chat) {
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

    static List<DomainEvent> customData(AttachCustomData custom, Chat chat) {
        if (custom.fields() == null || custom.fields().isEmpty()) {
            throw new InvalidCommandException(custom.signed() ? "signed_data" : "data", "custom data has no fields");
        }
        Map<String, Boolean> flags = new HashMap<>();
        Map<String, CustomDataField> fields = new LinkedHashMap<>();
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
        List<DomainEvent> events = new ArrayList<>();
        if (!flags.isEmpty()) {
            events.addAll(flags(new UpdateCustomerFlags(flags.get("verified_customer"), flags.get("bad_actor"),
                    flags.get("repeat_customer"), custom.signed() ? "signed_custom_data" : "custom_data", custom.now()), chat));
        }
        if (!fields.isEmpty()) {
            events.add(new CustomDataAttached(chat.id(), custom.signed(), fields, custom.now()));
        }
        return events;
    }

    static EndUserUpdated endUser(UpdateEndUser update, Chat chat) {
        if (FieldChecks.isBlank(update.identifier())) {
            throw new InvalidCommandException("identifier", "identifier is required");
        }
        FieldChecks.requireIfPresent(update.email(), FieldChecks::isEmail, "email", "email is not a well-formed email address");
        FieldChecks.requireIfPresent(update.phone(), FieldChecks::isPhone, "phone", "phone is not a well-formed phone number");
        return new EndUserUpdated(chat.id(), update.identifier(), update.name(), update.email(), update.phone(), update.now());
    }

    static void requireOpen(Chat chat, String action) {
        if (!chat.isOpen()) {
            throw new IllegalTransitionException(chat.status().value(), "cannot " + action + " a chat that is " + chat.status().value());
        }
    }
}
