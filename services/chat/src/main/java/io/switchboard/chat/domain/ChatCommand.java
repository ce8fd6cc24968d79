package io.switchboard.chat.domain;

import io.switchboard.events.chat.ChatEvents.TranscriptEntry;
import io.switchboard.eventstore.decider.RetriesOnConflict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What can be asked of a chat. Times come from the caller's clock so the decider stays pure. */
public sealed interface ChatCommand permits ChatCommand.CreateChat, ChatCommand.SendMessage, ChatCommand.UpdateChat,
        ChatCommand.UpdateCustomerFlags, ChatCommand.UpdateEndUser, ChatCommand.TimeOut, ChatCommand.AttachCustomData,
        ChatCommand.Claim, ChatCommand.Release, ChatCommand.Mark, ChatCommand.RequestEscalation,
        ChatCommand.UpdateEscalation, ChatCommand.Assign {

    /**
     * Starts a chat; {@code chatId} is allocated by the caller (a database sequence), {@code menu} is who
     * serves the menu according to the directory (the chat's features).
     */
    record CreateChat(long chatId, Long menuId, ChatFeature.MenuServing menu, Long endUserId, String endUserPhone,
                      String lang, String email, Map<String, Object> context, List<TranscriptEntry> transcript,
                      Instant now, Instant timeoutAt) implements ChatCommand {
        public CreateChat {
            menu = menu == null ? ChatFeature.MenuServing.NOBODY : menu;
        }
    }

    /**
     * A message. Who sends it follows from the {@code actor} and {@code fromUserId} (the chat README's
     * sender matrix): an agent sends as itself; a supervisor, admin or system caller sends for the
     * virtual agent holding the chat, for an agent of the partner ({@code known} says whether the
     * directory knows {@code fromUserId} as one, and the names it knows), as the system ({@code type}
     * {@code system}) or for the chat's end user. A message whose {@code idempotencyKey} the chat has
     * seen is not sent again if it is the same message, and refused if it is another one.
     */
    record SendMessage(Long fromUserId, String type, String content, String idempotencyKey, Actor actor,
                       KnownAs known, Instant now) implements ChatCommand, RetriesOnConflict {
    }

    /** What the partner's directory knows of a {@code from_user_id}: an agent (and its name), a virtual agent's name. */
    record KnownAs(boolean agent, String agentName, String virtualAgentName) {
        public static final KnownAs NOBODY = new KnownAs(false, null, null);

        public static KnownAs agent(String name) {
            return new KnownAs(true, name, null);
        }
    }

    /**
     * {@code PATCH /chats/{id}}: end the chat and/or record a deflection channel. {@code finishedByUserId}
     * is who did it: an agent's own id; a supervisor, admin or system caller may name an agent.
     */
    record UpdateChat(String status, String deflectionChannel, Long escalationId, Long finishedByUserId, Actor actor,
                      Instant now) implements ChatCommand {
    }

    /** Sets the given flags; a null flag keeps its current value. Setting a value is safe to retry. */
    record UpdateCustomerFlags(Boolean verifiedCustomer, Boolean badActor, Boolean repeatCustomer, String source,
                               Instant now) implements ChatCommand, RetriesOnConflict {
    }

    /**
     * Custom data of the Apps API: {@code reserved_verified_customer}, {@code reserved_bad_actor} and
     * {@code reserved_repeat_customer} set the customer flags, other fields are stored with their label.
     * {@code signed} says whether it came as a verified HS256 token (verification happens before).
     */
    record AttachCustomData(boolean signed, Map<String, CustomField> fields, Instant now)
            implements ChatCommand, RetriesOnConflict {
    }

    /** One custom-data field as the client sent it: {@code {"label": ..., "value": ...}}. */
    record CustomField(String label, Object value) {
    }

    /**
     * An agent takes a queued chat for themselves (or a supervisor for an agent); claiming one's own claim
     * again changes nothing. {@code agentId} null: the actor's own agent.
     */
    record Claim(Long agentId, Actor actor, Instant now) implements ChatCommand {
    }

    /**
     * The claiming agent gives the chat back to the queue; a supervisor, admin or system caller may release
     * anyone's claim. {@code agentId} null: the actor's own agent (for a supervisor: whoever holds the claim).
     */
    record Release(Long agentId, Actor actor, Instant now) implements ChatCommand {
    }

    /** A supervisor marks a chat (for review, training, …) with an optional note; {@code userId} null: the actor. */
    record Mark(Long userId, String mark, String note, Actor actor, Instant now)
            implements ChatCommand, RetriesOnConflict {
    }

    /** Ends a chat nobody picked up by its {@code timeout_at}; does nothing to any other chat. */
    record TimeOut(Instant now) implements ChatCommand, RetriesOnConflict {
    }

    record UpdateEndUser(String identifier, String name, String email, String phone, Instant now)
            implements ChatCommand, RetriesOnConflict {
    }

    /** The virtual agent asks for a human; {@code escalationId} is allocated by the caller. */
    record RequestEscalation(long escalationId, String reason, Boolean forceEscalate, Instant now) implements ChatCommand {
    }

    /** Picks the deflection channel of an escalation (the chat goes there instead of to a human). */
    record UpdateEscalation(long escalationId, String deflectionChannel, Instant now) implements ChatCommand {
    }

    /**
     * The router's decision ({@code ChatRouted}, version {@code routingVersion} of the chat's routing
     * stream): hand the chat to {@code assigneeType} ({@code agent} or {@code virtual_agent}). Decisions
     * arrive asynchronously and may be repeated or late, so an outdated one, or one for a chat that is no
     * longer open, changes nothing instead of failing.
     */
    record Assign(String assigneeType, long assigneeId, String assigneeName, long routingVersion, Long escalationId,
                  Instant now) implements ChatCommand, RetriesOnConflict {
    }
}
