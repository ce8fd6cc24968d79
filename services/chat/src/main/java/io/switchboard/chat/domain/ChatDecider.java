package io.switchboard.chat.domain;

import io.switchboard.chat.domain.ChatCommand.Assign;
import io.switchboard.chat.domain.ChatCommand.AttachCustomData;
import io.switchboard.chat.domain.ChatCommand.Claim;
import io.switchboard.chat.domain.ChatCommand.CreateChat;
import io.switchboard.chat.domain.ChatCommand.Mark;
import io.switchboard.chat.domain.ChatCommand.Release;
import io.switchboard.chat.domain.ChatCommand.RequestEscalation;
import io.switchboard.chat.domain.ChatCommand.SendMessage;
import io.switchboard.chat.domain.ChatCommand.TimeOut;
import io.switchboard.chat.domain.ChatCommand.UpdateChat;
import io.switchboard.chat.domain.ChatCommand.UpdateCustomerFlags;
import io.switchboard.chat.domain.ChatCommand.UpdateEndUser;
import io.switchboard.chat.domain.ChatCommand.UpdateEscalation;
import io.switchboard.events.DomainEvent;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.UnhandledCommandException;

import java.util.List;

/**
 * The chat aggregate: commands in, events out; every check happens before any event. The rules live by
 * subject: {@link ChatCreation}, {@link ChatMessages}, {@link ChatHands} (claims, routing decisions,
 * escalations), {@link ChatUpdates} (end, deflect, flags, custom data, end user, marks, timeout); the
 * fold is {@link ChatEvolution}.
 */
public final class ChatDecider implements Decider<ChatCommand, Chat, DomainEvent> {

    @Override
    public Chat initialState() {
        return Chat.NONE;
    }

    @Override
    public List<DomainEvent> decide(ChatCommand command, Chat chat) {
        if (command instanceof CreateChat create) {
            return List.of(ChatCreation.create(create, chat));
        }
        if (!chat.exists()) {
            throw new AggregateNotFoundException("chat");
        }
        if (command instanceof SendMessage message) {
            return ChatMessages.send(message, chat);
        }
        if (command instanceof UpdateChat update) {
            return ChatUpdates.update(update, chat);
        }
        if (command instanceof UpdateCustomerFlags flags) {
            return ChatUpdates.flags(flags, chat);
        }
        if (command instanceof AttachCustomData custom) {
            return ChatUpdates.customData(custom, chat);
        }
        if (command instanceof UpdateEndUser endUser) {
            return List.of(ChatUpdates.endUser(endUser, chat));
        }
        if (command instanceof Mark mark) {
            return ChatUpdates.mark(mark, chat);
        }
        if (command instanceof TimeOut timeOut) {
            return ChatUpdates.timeOut(timeOut, chat);
        }
        if (command instanceof Claim claim) {
            return ChatHands.claim(claim, chat);
        }
        if (command instanceof Release release) {
            return List.of(ChatHands.release(release, chat));
        }
        if (command instanceof Assign assign) {
            return ChatHands.assign(assign, chat);
        }
        if (command instanceof RequestEscalation escalation) {
            return List.of(ChatHands.escalate(escalation, chat));
        }
        if (command instanceof UpdateEscalation update) {
            return ChatHands.updateEscalation(update, chat);
        }
        throw new UnhandledCommandException(command);
    }

    @Override
    public Chat evolve(Chat chat, DomainEvent event) {
        return ChatEvolution.evolve(chat, event);
    }
}
