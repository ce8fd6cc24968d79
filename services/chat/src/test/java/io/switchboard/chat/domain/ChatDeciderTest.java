package io.switchboard.chat.domain;

import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.chat.domain.ChatCommand.Assign;
import io.switchboard.chat.domain.ChatCommand.AttachCustomData;
import io.switchboard.chat.domain.ChatCommand.RequestEscalation;
import io.switchboard.chat.domain.ChatCommand.UpdateEscalation;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.EscalationRequested;
import io.switchboard.events.chat.ChatEvents.EscalationUpdated;
import io.switchboard.events.chat.ChatEvents.TranscriptEntry;
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
import io.switchboard.chat.domain.ChatCommand.KnownAs;
import io.switchboard.chat.domain.ChatFeature.MenuServing;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents.ChatClaimed;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatMarked;
import io.switchboard.events.chat.ChatEvents.ChatReleased;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.chat.ChatEvents.CustomDataAttached;
import io.switchboard.events.chat.ChatEvents.CustomDataField;
import io.switchboard.events.chat.ChatEvents.CustomerFlags;
import io.switchboard.events.chat.ChatEvents.CustomerFlagsUpdated;
import io.switchboard.events.chat.ChatEvents.EndUserUpdated;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Given events, when a command, then events or a rejection: no I/O, no framework. */
class ChatDeciderTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant TIMEOUT = NOW.plusSeconds(600);
    private final DeciderSpec<ChatCommand, Chat, DomainEvent> spec = DeciderSpec.of(new ChatDecider());

    private static CreateChat create(Long menuId, Long endUserId, String phone, String lang, String email,
                                     Map<String, Object> context) {
        return new CreateChat(1000, menuId, MenuServing.NOBODY, endUserId, phone, lang, email, context, List.of(), NOW, TIMEOUT);
    }

    @Test
    void aNewChatIsQueuedWithTheGivenEndUserAndDefaultLanguage() {
        var create = spec.when(create(7L, null, "+1 555 0100", null, "ann@example.com",
                Map.of("value", Map.of("foo", "bar"))));

        create.then(new ChatCreated(1000, "queued", 7L, "en",
                new EndUser(null, "+1 555 0100", null, null, "+1 555 0100"), "ann@example.com",
                Map.of("value", Map.of("foo", "bar")), List.of(), List.of(), NOW, TIMEOUT));
        Chat chat = create.thenState();
        assertThat(chat.status()).isEqualTo(ChatStatus.QUEUED);
        assertThat(chat.setup().timeoutAt()).isEqualTo(TIMEOUT);
    }

    @Test
    void theFeaturesFollowWhoServesTheMenuAtCreationAndStayWithTheChat() {
        assertThat(featuresFor(new MenuServing(false, false))).isEmpty();
        assertThat(featuresFor(new MenuServing(false, true))).containsExactly("human_agents");
        assertThat(featuresFor(new MenuServing(true, false))).containsExactly("virtual_agent");
        assertThat(featuresFor(new MenuServing(true, true))).containsExactly("virtual_agent", "human_agents", "escalation");

        ChatCreated created = new ChatCreated(1000, "queued", 7L, "en", new EndUser(42L, "42", null, null, null), null,
                Map.of(), List.of(), List.of("virtual_agent", "human_agents", "escalation"), NOW, TIMEOUT);
        assertThat(spec.given(created).state().setup().features()).containsExactly("virtual_agent", "human_agents", "escalation");
    }

    private List<String> featuresFor(MenuServing menu) {
        ChatCreated created = (ChatCreated) spec.when(new CreateChat(1000, 7L, menu, 42L, null, null, null, null, List.of(),
                NOW, TIMEOUT)).events().get(0);
        return created.features();
    }

    @Test
    void anEndUserIdIsEnoughAndBecomesTheIdentifier() {
        ChatCreated created = (ChatCreated) spec.when(create(7L, 42L, null, "it", null, null)).events().get(0);

        assertThat(created.endUser()).isEqualTo(new EndUser(42L, "42", null, null, null));
        assertThat(created.lang()).isEqualTo("it");
        assertThat(created.context()).isEmpty();
    }

    @Test
    void invalidFieldsAreRejectedByName() {
        expectInvalid(create(null, 42L, null, null, null, null), "chat.menu_id");
        expectInvalid(create(0L, 42L, null, null, null, null), "chat.menu_id");
        expectInvalid(create(7L, null, null, null, null, null), "chat.end_user_id");
        expectInvalid(create(7L, -1L, null, null, null, null), "chat.end_user_id");
        expectInvalid(create(7L, null, "call me", null, null, null), "end_user.phone");
        expectInvalid(create(7L, 42L, null, null, "not-an-email", null), "chat.email");
        expectInvalid(create(7L, 42L, null, "klingon", null, null), "chat.lang");
        expectInvalid(create(7L, 42L, null, null, null, Map.of("value", "flat")), "chat.context.value");
    }

    private static final ChatCreated CREATED = new ChatCreated(1000, "queued", 7L, "en",
            new EndUser(42L, "42", null, null, null), null, Map.of(), List.of(), List.of(), NOW, TIMEOUT);

    @Test
    void aChatCannotBeCreatedTwice() {
        spec.given(CREATED).when(create(7L, 42L, null, null, null, null)).thenIllegal("queued");
    }
    private static final Instant LATER = NOW.plusSeconds(30);
    /** A supervisor, admin or system caller that is no agent itself. */
    private static final Actor SYSTEM = Actor.SYSTEM;
    /** Ann, agent 77, acting as herself. */
    private static final Actor ANN = Actor.agent(77L);

    @Test
    void aMessageFromTheEndUserCarriesWhatRedactionNeeds() {
        List<DomainEvent> events = spec.given(CREATED)
                .when(new SendMessage(null, "text", "hello", null, SYSTEM, KnownAs.NOBODY, LATER)).events();

        assertThat(events).containsExactly(new MessageSent(1000, 1, 1, "end_user", "42", null, "text", "hello", Map.of(), LATER, null));
    }

    @Test
    void messagesAreNumberedAndAUserIsAnAgent() {
        MessageSent first = new MessageSent(1000, 1, 1, "end_user", "42", null, "text", "hi", Map.of(), LATER, null);

        MessageSent second = (MessageSent) spec.given(CREATED, first)
                .when(new SendMessage(77L, "text", "how can I help?", null, SYSTEM, KnownAs.agent(null), LATER)).events().get(0);

        assertThat(second.messageId()).isEqualTo(2);
        assertThat(second.senderType()).isEqualTo("agent");
        assertThat(second.senderId()).isEqualTo("77");
    }

    @Test
    void aMessageWhoseIdempotencyKeyTheChatHasSeenIsNotSentAgain() {
        MessageSent first = new MessageSent(1000, 1, 1, "end_user", "42", null, "text", "hello", Map.of(), LATER, "k-1");

        spec.given(CREATED).when(new SendMessage(null, "text", "hello", "k-1", SYSTEM, KnownAs.NOBODY, LATER)).then(first);
        spec.given(CREATED, first)
                .when(new SendMessage(null, "text", "hello", "k-1", SYSTEM, KnownAs.NOBODY, LATER)).thenNothing();
        assertThat(spec.given(CREATED, first)
                .when(new SendMessage(null, "text", "hello", "k-2", SYSTEM, KnownAs.NOBODY, LATER)).events()).hasSize(1);
    }

    @Test
    void invalidMessagesAreRejectedByName() {
        expectInvalid(new SendMessage(null, " ", "x", null, SYSTEM, KnownAs.NOBODY, LATER), "message.type", CREATED);
        expectInvalid(new SendMessage(null, "text", "", null, SYSTEM, KnownAs.NOBODY, LATER), "message.content", CREATED);
        expectInvalid(new SendMessage(-3L, "text", "x", null, SYSTEM, KnownAs.agent(null), LATER), "from_user_id", CREATED);
    }

    @Test
    void finishingRecordsWhoAndWhenAndClosesTheChat() {
        var finish = spec.given(CREATED).when(new UpdateChat("finished", null, null, 77L, SYSTEM, LATER));

        finish.then(new ChatFinished(1000, "finished", null, 77L, LATER));
        Chat chat = finish.thenState();
        assertThat(chat.status()).isEqualTo(ChatStatus.FINISHED);
        assertThat(chat.endsAt()).isEqualTo(LATER);
    }

    @Test
    void aDeflectionChannelAloneIsRecordedWithoutEndingTheChat() {
        List<DomainEvent> events = spec.given(CREATED)
                .when(new UpdateChat(null, "email", null, null, SYSTEM, LATER)).events();

        assertThat(events).containsExactly(new ChatStatusChanged(1000, "queued", "queued", "email", null, LATER));
    }

    @Test
    void aFinishedChatTakesNoMessageAndCannotBeFinishedAgain() {
        DomainEvent finished = new ChatFinished(1000, "finished", null, 77L, LATER);

        for (ChatCommand command : List.<ChatCommand>of(new SendMessage(null, "text", "late", null, SYSTEM, KnownAs.NOBODY, LATER),
                new UpdateChat("dismissed", null, null, null, SYSTEM, LATER), new UpdateChat(null, "email", null, null, SYSTEM, LATER))) {
            spec.given(CREATED, finished).when(command).thenIllegal("finished");
        }
    }

    @Test
    void invalidUpdatesAreRejectedByName() {
        expectInvalid(new UpdateChat(null, null, null, null, SYSTEM, LATER), "chat", CREATED);
        expectInvalid(new UpdateChat("assigned", null, null, null, SYSTEM, LATER), "chat.status", CREATED);
        expectInvalid(new UpdateChat("finished", null, 5L, null, SYSTEM, LATER), "chat.escalation_id", CREATED);
        expectInvalid(new UpdateChat("finished", null, null, 0L, SYSTEM, LATER), "finished_by_user_id", CREATED);
    }

    @Test
    void customerFlagsChangeOnlyWhatIsGivenAndRepeatingThemWritesNothing() {
        CustomerFlagsUpdated verified = new CustomerFlagsUpdated(1000, new CustomerFlags(false, false, false),
                new CustomerFlags(true, false, false), "api", LATER);

        spec.given(CREATED).when(new UpdateCustomerFlags(true, null, null, "api", LATER)).then(verified);
        spec.given(CREATED, verified).when(new UpdateCustomerFlags(true, false, null, "api", LATER)).thenNothing();
        expectInvalid(new UpdateCustomerFlags(null, null, null, "api", LATER), "body", CREATED);
    }

    @Test
    void theEndUserCanBeUpdatedEvenAfterTheChatEnded() {
        DomainEvent finished = new ChatFinished(1000, "finished", null, 77L, LATER);

        List<DomainEvent> events = spec.given(CREATED, finished)
                .when(new UpdateEndUser("ann-1", "Ann", "ann@example.com", "+1 555 0100", LATER)).events();

        assertThat(events).containsExactly(new EndUserUpdated(1000, "ann-1", "Ann", "ann@example.com", "+1 555 0100", LATER));
        expectInvalid(new UpdateEndUser(" ", null, null, null, LATER), "identifier", CREATED);
        expectInvalid(new UpdateEndUser("ann-1", null, "nope", null, LATER), "email", CREATED);
    }

    @Test
    void aQueuedChatTimesOutOnceItsTimeoutHasPassedAndNotBefore() {
        spec.given(CREATED).when(new TimeOut(TIMEOUT.minusMillis(1))).thenNothing();

        ChatFinished timedOut = new ChatFinished(1000, "timed_out", "not picked up by timeout_at", null, TIMEOUT);

        spec.given(CREATED).when(new TimeOut(TIMEOUT)).then(timedOut);
        spec.given(CREATED, timedOut).when(new TimeOut(TIMEOUT.plusSeconds(60))).thenNothing();
        spec.given(CREATED, new ChatFinished(1000, "finished", null, 77L, LATER))
                .when(new TimeOut(TIMEOUT)).thenNothing();
    }

    @Test
    void customDataSetsReservedFlagsAndStoresTheOtherFieldsWithLabels() {
        Map<String, CustomField> fields = new java.util.LinkedHashMap<>();
        fields.put("reserved_bad_actor", new CustomField("LABEL 2", true));
        fields.put("field1", new CustomField("LABEL 4", "dummy1"));

        List<DomainEvent> events = spec.given(CREATED).when(new AttachCustomData(true, fields, LATER)).events();

        assertThat(events).containsExactly(
                new CustomerFlagsUpdated(1000, new CustomerFlags(false, false, false), new CustomerFlags(false, true, false),
                        "signed_custom_data", LATER),
                new CustomDataAttached(1000, true, Map.of("field1", new CustomDataField("LABEL 4", "dummy1")), LATER));
    }

    @Test
    void reservedFlagsMustBeBooleansAndEveryFieldNeedsAValue() {
        expectInvalid(new AttachCustomData(false, Map.of("reserved_bad_actor", new CustomField("x", "yes")), LATER),
                "data.reserved_bad_actor.value", CREATED);
        expectInvalid(new AttachCustomData(false, Map.of("field1", new CustomField("x", null)), LATER), "data.field1.value", CREATED);
        expectInvalid(new AttachCustomData(false, Map.of(), LATER), "data", CREATED);
    }

    @Test
    void anAgentClaimsAQueuedChatOnceAndOnlyTheClaimerReleasesIt() {
        ChatClaimed claimed = new ChatClaimed(1000, 77, LATER);

        spec.given(CREATED).when(new Claim(null, ANN, LATER)).then(claimed);
        assertThat(spec.given(CREATED, claimed).when(new Claim(null, ANN, LATER)).events()).as("claiming again changes nothing").isEmpty();
        spec.given(CREATED, claimed).when(new Claim(null, Actor.agent(78L), LATER))
                .thenRejected(IllegalTransitionException.class).hasMessageContaining("claimed by agent 77");
        spec.given(CREATED, claimed).when(new Release(null, Actor.agent(78L), LATER))
                .thenRejected(IllegalTransitionException.class);
        spec.given(CREATED, claimed).when(new Release(null, ANN, LATER)).then(new ChatReleased(1000, 77, LATER));
        spec.given(CREATED, new ChatFinished(1000, "finished", null, null, LATER))
                .when(new Claim(null, ANN, LATER)).thenIllegal("finished");
        expectInvalid(new Claim(null, SYSTEM, LATER), "agent_id", CREATED);
    }

    @Test
    void aSupervisorMarksAChatInAnyStatus() {
        DomainEvent finished = new ChatFinished(1000, "finished", null, null, LATER);

        spec.given(CREATED, finished).when(new Mark(5L, "review", "rude customer", SYSTEM, LATER))
                .then(new ChatMarked(1000, 5, "review", "rude customer", LATER));
        expectInvalid(new Mark(5L, " ", null, SYSTEM, LATER), "mark", CREATED);
        expectInvalid(new Mark(null, "review", null, SYSTEM, LATER), "user_id", CREATED);
    }

    @Test
    void commandsOnAChatThatDoesNotExistAreNotFound() {
        spec.when(new SendMessage(null, "text", "hi", null, SYSTEM, KnownAs.NOBODY, LATER)).thenNotFound();
    }

    // --- transcript, routing decisions, escalations ---------------------------------------------

    @Test
    void aTranscriptHandedOverAtCreationIsKeptAndValidatedPerMessage() {
        List<TranscriptEntry> transcript = List.of(new TranscriptEntry("end_user", "my order is late", NOW.minusSeconds(60)));
        ChatCreated created = (ChatCreated) spec.when(new CreateChat(1000, 7L, MenuServing.NOBODY, 42L, null, null, null, null, transcript,
                NOW, TIMEOUT)).events().get(0);
        assertThat(created.transcript()).isEqualTo(transcript);

        expectInvalid(new CreateChat(1000, 7L, MenuServing.NOBODY, 42L, null, null, null, null,
                List.of(new TranscriptEntry("robot", "x", NOW)), NOW, TIMEOUT), "chat.transcript.messages[0].sender_type");
        expectInvalid(new CreateChat(1000, 7L, MenuServing.NOBODY, 42L, null, null, null, null,
                List.of(new TranscriptEntry(null, "x", NOW)), NOW, TIMEOUT), "chat.transcript.messages[0].sender_type");
        expectInvalid(new CreateChat(1000, 7L, MenuServing.NOBODY, 42L, null, null, null, null,
                List.of(new TranscriptEntry("agent", "ok", NOW), new TranscriptEntry("agent", " ", NOW)), NOW, TIMEOUT),
                "chat.transcript.messages[1].text");
        expectInvalid(new CreateChat(1000, 7L, MenuServing.NOBODY, 42L, null, null, null, null,
                List.of(new TranscriptEntry("agent", "from the future", LATER)), NOW, TIMEOUT),
                "chat.transcript.messages[0].sent_at");
    }

    private static Assign routed(String type, long id, long version) {
        return new Assign(type, id, type + " " + id, version, null, LATER);
    }

    private static final ChatAssigned TO_BOT = new ChatAssigned(1000, "virtual_agent", 5, "Botty", 1, "router", LATER, 1);

    @Test
    void theFirstHandKeepsSegmentOneAndEveryChangeOfHandsIncreasesIt() {
        spec.given(CREATED).when(routed("virtual_agent", 5, 1))
                .then(new ChatAssigned(1000, "virtual_agent", 5, "virtual_agent 5", 1, "router", LATER, 1));

        ChatAssigned toAnn = new ChatAssigned(1000, "agent", 77, "agent 77", 2, "router", LATER, 2);
        spec.given(CREATED, TO_BOT).when(routed("agent", 77, 2)).then(toAnn);
        ChatAssigned toBob = new ChatAssigned(1000, "agent", 78, "agent 78", 3, "router", LATER, 3);
        spec.given(CREATED, TO_BOT, toAnn).when(routed("agent", 78, 3)).then(toBob);

        Chat chat = spec.given(CREATED, TO_BOT, toAnn, toBob).state();
        assertThat(chat.status()).isEqualTo(ChatStatus.ASSIGNED);
        assertThat(chat.hands().agentId()).isEqualTo(78L);
        assertThat(chat.hands().virtualAgentId()).isNull();
        assertThat(chat.hands().allAgents()).containsExactly(77L, 78L);
        assertThat(chat.hands().allVirtualAgents()).containsExactly(5L);
        MessageSent fromBob = (MessageSent) spec.given(CREATED, TO_BOT, toAnn, toBob)
                .when(new SendMessage(null, "text", "hi", null, Actor.agent(78L), KnownAs.agent("Bob"), LATER))
                .events().get(0);
        assertThat(fromBob.segment()).isEqualTo(3);
        assertThat(fromBob.senderName()).isEqualTo("Bob");
    }

    @Test
    void aRepeatedOrOutdatedRoutingDecisionChangesNothing() {
        spec.given(CREATED, TO_BOT).when(routed("virtual_agent", 5, 1)).thenNothing();
        spec.given(CREATED, TO_BOT).when(routed("agent", 77, 1)).thenNothing();
    }

    @Test
    void aBotDoesNotTakeAChatBackFromAHumanAndAClosedChatIsNotRouted() {
        ChatAssigned toAnn = new ChatAssigned(1000, "agent", 77, "Ann", 2, "router", LATER, 2);
        spec.given(CREATED, TO_BOT, toAnn).when(routed("virtual_agent", 5, 3)).thenNothing();

        ChatFinished finished = new ChatFinished(1000, "finished", null, null, LATER);
        spec.given(CREATED, finished).when(routed("agent", 77, 1)).thenNothing();
    }

    @Test
    void aRoutingDecisionMustNameAnAssigneeTypeAndId() {
        expectInvalid(new Assign("robot", 5, null, 1, null, LATER), "assignee_type", CREATED);
        expectInvalid(new Assign("agent", 0, null, 1, null, LATER), "assignee_id", CREATED);
    }

    @Test
    void theBotMessagesUnderItsOwnIdAsAVirtualAgentAndTheSystemAsSystem() {
        MessageSent bot = (MessageSent) spec.given(CREATED, TO_BOT).when(new SendMessage(5L, "text", "hello", null,
                SYSTEM, new KnownAs(false, null, "Botty"), LATER)).events().get(0);
        assertThat(bot.senderType()).isEqualTo("virtual_agent");
        assertThat(bot.senderName()).isEqualTo("Botty");

        MessageSent system = (MessageSent) spec.given(CREATED)
                .when(new SendMessage(null, "system", "agent joined", null, SYSTEM, KnownAs.NOBODY, LATER))
                .events().get(0);
        assertThat(system.senderType()).isEqualTo("system");
    }

    private static final EscalationRequested ESCALATION = new EscalationRequested(1000, 9, "by_end_user_ask", true,
            "pending", LATER);

    @Test
    void aChatHeldByAVirtualAgentCanBeEscalatedOnce() {
        spec.given(CREATED, TO_BOT).when(new RequestEscalation(9, "by_end_user_ask", true, LATER)).then(ESCALATION);

        spec.given(CREATED, TO_BOT, ESCALATION).when(new RequestEscalation(10, "again", false, LATER))
                .thenIllegal("va_assigned");
        expectInvalid(new RequestEscalation(10, " ", false, LATER), "reason", CREATED, TO_BOT);
    }

    @Test
    void aChatWithoutAVirtualAgentCannotBeEscalated() {
        spec.given(CREATED).when(new RequestEscalation(9, "by_end_user_ask", false, LATER)).thenIllegal("queued");
        ChatFinished finished = new ChatFinished(1000, "finished", null, null, LATER);
        spec.given(CREATED, TO_BOT, finished).when(new RequestEscalation(9, "x", false, LATER)).thenIllegal("finished");
    }

    @Test
    void anAgentTakingTheChatCompletesThePendingEscalation() {
        var toAnn = spec.given(CREATED, TO_BOT, ESCALATION).when(new Assign("agent", 77, "Ann", 2, 9L, LATER));

        toAnn.then(new ChatAssigned(1000, "agent", 77, "Ann", 2, "router", LATER, 2),
                new EscalationUpdated(1000, 9, null, "escalated", LATER));
        Chat chat = toAnn.thenState();
        assertThat(chat.escalations().get(9L).status()).isEqualTo("escalated");
        assertThat(chat.pendingEscalation()).isEmpty();
    }

    @Test
    void aPendingEscalationCanBeDeflectedButNotOnceAnAgentHasIt() {
        EscalationUpdated deflected = new EscalationUpdated(1000, 9, "voicemail", "deflected", LATER);
        spec.given(CREATED, TO_BOT, ESCALATION).when(new UpdateEscalation(9, "voicemail", LATER)).then(deflected);
        spec.given(CREATED, TO_BOT, ESCALATION, deflected).when(new UpdateEscalation(9, "voicemail", LATER)).thenNothing();

        EscalationUpdated escalated = new EscalationUpdated(1000, 9, null, "escalated", LATER);
        spec.given(CREATED, TO_BOT, ESCALATION, escalated).when(new UpdateEscalation(9, "email", LATER))
                .thenIllegal("escalated");
        spec.given(CREATED, TO_BOT, ESCALATION).when(new UpdateEscalation(10, "email", LATER)).thenNotFound();
        expectInvalid(new UpdateEscalation(9, "Voice Mail!", LATER), "deflection_channel", CREATED, TO_BOT, ESCALATION);
    }

    @Test
    void patchingAChatWithAnEscalationAndChannelDeflectsThatEscalation() {
        spec.given(CREATED, TO_BOT, ESCALATION).when(new UpdateChat(null, "email", 9L, null, SYSTEM, LATER))
                .then(new EscalationUpdated(1000, 9, "email", "deflected", LATER),
                new ChatStatusChanged(1000, "va_assigned", "va_assigned", "email", null, LATER));
        spec.given(CREATED, TO_BOT, ESCALATION).when(new UpdateChat(null, null, 9L, null, SYSTEM, LATER)).thenNothing();
    }

    // --- the actor is the caller ------------------------------------------------------------------

    @Test
    void anAgentSendsFinishesAndClaimsOnlyAsItself() {
        MessageSent fromAnn = (MessageSent) spec.given(CREATED)
                .when(new SendMessage(null, "text", "hi", null, ANN, KnownAs.agent("Ann"), LATER)).events().get(0);
        assertThat(fromAnn.senderType()).isEqualTo("agent");
        assertThat(fromAnn.senderId()).isEqualTo("77");
        assertThat(fromAnn.senderName()).isEqualTo("Ann");
        assertThat(((MessageSent) spec.given(CREATED).when(new SendMessage(77L, "text", "hi", null, ANN,
                KnownAs.agent("Ann"), LATER)).events().get(0)).senderId()).as("naming itself is fine").isEqualTo("77");
        assertThat(spec.given(CREATED).when(new UpdateChat("finished", null, null, null, ANN, LATER)).events())
                .as("the agent who finishes is recorded").containsExactly(new ChatFinished(1000, "finished", null, 77L, LATER));
        spec.given(CREATED).when(new Claim(77L, ANN, LATER)).then(new ChatClaimed(1000, 77, LATER));

        expectNotPermitted(new SendMessage(78L, "text", "I am Bob", null, ANN, KnownAs.agent("Ann"), LATER), "from_user_id", CREATED);
        expectNotPermitted(new UpdateChat("finished", null, null, 78L, ANN, LATER), "finished_by_user_id", CREATED);
        expectNotPermitted(new Claim(78L, ANN, LATER), "agent_id", CREATED);
        expectNotPermitted(new Release(78L, ANN, LATER), "agent_id", CREATED, new ChatClaimed(1000, 78, LATER));
    }

    @Test
    void anAgentWithoutAnAgentIdCanDoNothingBoundToAnAgent() {
        Actor nobody = Actor.agent(null);

        expectNotPermitted(new SendMessage(null, "text", "hi", null, nobody, KnownAs.NOBODY, LATER), "from_user_id", CREATED);
        expectNotPermitted(new UpdateChat("finished", null, null, null, nobody, LATER), "finished_by_user_id", CREATED);
        expectNotPermitted(new Claim(null, nobody, LATER), "agent_id", CREATED);
        expectNotPermitted(new Release(null, nobody, LATER), "agent_id", CREATED, new ChatClaimed(1000, 77, LATER));
        expectNotPermitted(new Mark(null, "review", null, nobody, LATER), "user_id", CREATED);
        // What is bound to nobody stays open to it.
        assertThat(spec.given(CREATED).when(new UpdateCustomerFlags(true, null, null, "api", LATER)).events()).hasSize(1);
    }

    @Test
    void aSupervisorActsForAgentsAndReleasesAnyonesClaim() {
        Actor sam = Actor.supervisor(5L);
        ChatClaimed claimed = new ChatClaimed(1000, 77, LATER);

        spec.given(CREATED).when(new Claim(77L, sam, LATER)).then(claimed);
        assertThat(spec.given(CREATED, claimed).when(new Release(null, sam, LATER)).events()).as("whoever holds the claim")
                .containsExactly(new ChatReleased(1000, 77, LATER));
        spec.given(CREATED, claimed).when(new Release(77L, sam, LATER)).then(new ChatReleased(1000, 77, LATER));
        spec.given(CREATED, claimed).when(new Release(78L, sam, LATER))
                .thenRejected(IllegalTransitionException.class).hasMessageContaining("claimed by agent 77");
        spec.given(CREATED).when(new Release(null, sam, LATER))
                .thenRejected(IllegalTransitionException.class).hasMessageContaining("not claimed");
        assertThat(spec.given(CREATED).when(new Mark(null, "review", null, sam, LATER)).events())
                .as("marked as the supervisor itself").containsExactly(new ChatMarked(1000, 5, "review", null, LATER));
        spec.given(CREATED).when(new UpdateChat("finished", null, null, 77L, sam, LATER))
                .then(new ChatFinished(1000, "finished", null, 77L, LATER));
    }

    @Test
    void onlyAPrivilegedCallerSpeaksForTheBotTheEndUserOrAnotherAgent() {
        MessageSent bot = (MessageSent) spec.given(CREATED, TO_BOT).when(new SendMessage(5L, "text", "hello", null,
                SYSTEM, new KnownAs(false, null, "Botty"), LATER)).events().get(0);
        assertThat(bot.senderType()).isEqualTo("virtual_agent");
        MessageSent forAnn = (MessageSent) spec.given(CREATED)
                .when(new SendMessage(77L, "text", "hi", null, SYSTEM, KnownAs.agent("Ann"), LATER)).events().get(0);
        assertThat(forAnn.senderType() + ":" + forAnn.senderId()).isEqualTo("agent:77");

        expectInvalid(new SendMessage(5L, "text", "hello", null, SYSTEM, new KnownAs(false, null, "Botty"), LATER),
                "from_user_id", CREATED); // a bot that does not hold the chat, and no agent of the partner
        expectInvalid(new SendMessage(999L, "text", "hello", null, SYSTEM, KnownAs.NOBODY, LATER), "from_user_id", CREATED);
        // An agent's message is always its own: it cannot pass for the bot or the end user.
        MessageSent notTheBot = (MessageSent) spec.given(CREATED, TO_BOT)
                .when(new SendMessage(null, "text", "hi", null, ANN, KnownAs.agent("Ann"), LATER)).events().get(0);
        assertThat(notTheBot.senderType() + ":" + notTheBot.senderId()).isEqualTo("agent:77");
        expectNotPermitted(new SendMessage(5L, "text", "hi", null, ANN, KnownAs.agent("Ann"), LATER), "from_user_id",
                CREATED, TO_BOT);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherMessageIsRefusedAndItsRetryChangesNothingLater() {
        MessageSent first = new MessageSent(1000, 1, 1, "virtual_agent", "5", "Botty", "text", "hello", Map.of(), LATER,
                "k-1");
        spec.given(CREATED, TO_BOT).when(new SendMessage(5L, "text", "hello", "k-1", SYSTEM,
                new KnownAs(false, null, "Botty"), LATER)).then(first);

        spec.given(CREATED, TO_BOT, first).when(new SendMessage(5L, "text", "other", "k-1", SYSTEM,
                        new KnownAs(false, null, "Botty"), LATER))
                .thenRejected(MessageKeyReusedException.class)
                .isInstanceOfSatisfying(MessageKeyReusedException.class, reused -> assertThat(reused.key()).isEqualTo("k-1"));
        spec.given(CREATED, TO_BOT, first).when(new SendMessage(null, "text", "hello", "k-1", SYSTEM, KnownAs.NOBODY, LATER))
                .thenRejected(MessageKeyReusedException.class).as("same text, another sender");
        ChatAssigned toAnn = new ChatAssigned(1000, "agent", 77, "Ann", 2, "router", LATER, 2);
        ChatFinished finished = new ChatFinished(1000, "finished", null, 77L, LATER);
        assertThat(spec.given(CREATED, TO_BOT, first, toAnn, finished).when(new SendMessage(5L, "text", "hello", "k-1",
                SYSTEM, KnownAs.NOBODY, LATER)).events()).as("a retry after the bot lost the chat and it ended").isEmpty();
    }

    @Test
    void aDeflectionChannelTheChatAlreadyHasChangesNothing() {
        ChatStatusChanged toEmail = new ChatStatusChanged(1000, "queued", "queued", "email", null, LATER);

        spec.given(CREATED).when(new UpdateChat(null, "email", null, null, SYSTEM, LATER)).then(toEmail);
        spec.given(CREATED, toEmail).when(new UpdateChat(null, "email", null, null, SYSTEM, LATER)).thenNothing();
        assertThat(spec.given(CREATED, toEmail).when(new UpdateChat(null, "voicemail", null, null, SYSTEM, LATER)).events())
                .hasSize(1);
    }

    private void expectNotPermitted(ChatCommand command, String field, DomainEvent... given) {
        spec.given(given).when(command).thenNotPermitted(field);
    }

    private void expectInvalid(ChatCommand command, String field, DomainEvent... given) {
        spec.given(given).when(command).thenInvalid(field);
    }

    @Test
    void everyCommandIsDecided() {
        spec.given(CREATED, TO_BOT).everyCommandIsDecided(ChatCommand.class);
    }
}
