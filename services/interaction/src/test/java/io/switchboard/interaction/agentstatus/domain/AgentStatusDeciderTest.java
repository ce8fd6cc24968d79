package io.switchboard.interaction.agentstatus.domain;

import io.switchboard.interaction.routing.domain.WorkKind;
import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.AgentWorkEnded;
import io.switchboard.events.interaction.DirectoryEvents.AgentWorkStarted;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.EndWork;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.EndWrapUp;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.SetStatus;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.StartWork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AgentStatusDeciderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Duration WRAP_UP = Duration.ofSeconds(30);
    private static final UUID E1 = new UUID(0, 1);
    private static final UUID E2 = new UUID(0, 2);
    private static final UUID E3 = new UUID(0, 3);
    private static final AgentCreated ANN = new AgentCreated(7, "Ann Lee", "Ann", "Lee", "ann@example.com", null,
            List.of("agent"), List.of(), T0);
    private static final AgentStatusChanged AVAILABLE = new AgentStatusChanged(7, "offline", "available", null, T0);
    private static final AgentStatusChanged ON_BREAK = new AgentStatusChanged(7, "offline", "unavailable", "break", T0);
    private static final AgentWorkStarted CALL_12 = new AgentWorkStarted(7, "call", 12, E1, T1);
    private static final AgentStatusChanged IN_CALL = new AgentStatusChanged(7, "available", "in_call", null, T1);
    private final DeciderSpec<AgentStatusCommand, AgentStatus, DomainEvent> spec = DeciderSpec.of(new AgentStatusDecider());

    private AgentStatus state(DomainEvent... given) {
        return spec.given(given).state();
    }

    @Test
    void aNewAgentIsOfflineAndSetsThemselvesAvailable() {
        assertThat(state(ANN).status()).isEqualTo(Status.OFFLINE);
        spec.given(ANN).when(new SetStatus("available", null, T0)).then(AVAILABLE);
    }

    @Test
    void unavailableNeedsOneOfTheReasons() {
        spec.given(ANN, AVAILABLE).when(new SetStatus("unavailable", "lunch", T1))
                .then(new AgentStatusChanged(7, "available", "unavailable", "lunch", T1));
        expectInvalid(new SetStatus("unavailable", null, T1), "reason", ANN, AVAILABLE);
        expectInvalid(new SetStatus("unavailable", "nap", T1), "reason", ANN, AVAILABLE);
        expectInvalid(new SetStatus("offline", "lunch", T1), "reason", ANN, AVAILABLE);
    }

    @Test
    void onlyAvailableUnavailableAndOfflineCanBeSetByHand() {
        for (String status : new String[]{"in_call", "in_chat", "wrap_up", "busy", null}) {
            expectInvalid(new SetStatus(status, null, T1), "status", ANN);
        }
    }

    @Test
    void settingTheSameStatusAgainWritesNothing() {
        spec.given(ANN, AVAILABLE).when(new SetStatus("available", null, T1)).thenNothing();
        spec.given(ANN, ON_BREAK).when(new SetStatus("unavailable", "break", T1)).thenNothing();
        spec.given(ANN, ON_BREAK).when(new SetStatus("unavailable", "lunch", T1))
                .then(new AgentStatusChanged(7, "unavailable", "unavailable", "lunch", T1));
    }

    @Test
    void aConnectedCallPutsTheAgentInCallAndItsEndInWrapUp() {
        spec.given(ANN, AVAILABLE).when(new StartWork(WorkKind.CALL, 12, E1, T1)).then(CALL_12, IN_CALL);
        spec.given(ANN, AVAILABLE, CALL_12, IN_CALL).when(new EndWork(WorkKind.CALL, 12, E2, T2)).then(
                new AgentWorkEnded(7, "call", 12, E2, T2), new AgentStatusChanged(7, "in_call", "wrap_up", null, T2));
    }

    @Test
    void wrapUpEndsAfterThePeriodBackToTheStatusTheAgentHadSet() {
        DomainEvent[] wrappingUp = {ANN, AVAILABLE, CALL_12, IN_CALL, new AgentWorkEnded(7, "call", 12, E2, T2),
                new AgentStatusChanged(7, "in_call", "wrap_up", null, T2)};
        spec.given(wrappingUp).when(new EndWrapUp(WRAP_UP, T2.plusSeconds(29))).thenNothing();
        spec.given(wrappingUp).when(new EndWrapUp(WRAP_UP, T2.plusSeconds(30)))
                .then(new AgentStatusChanged(7, "wrap_up", "available", null, T2.plusSeconds(30)));
        spec.given(ANN, AVAILABLE).when(new EndWrapUp(WRAP_UP, T2.plusSeconds(30))).thenNothing();
        // The agent may end wrap-up themselves.
        spec.given(wrappingUp).when(new SetStatus("available", null, T2.plusSeconds(5)))
                .then(new AgentStatusChanged(7, "wrap_up", "available", null, T2.plusSeconds(5)));
    }

    @Test
    void workThatReallyConnectsMovesAnUnavailableAgentWhoReturnsToUnavailable() {
        AgentWorkStarted chat = new AgentWorkStarted(7, "chat", 30, E1, T1);
        AgentStatusChanged inChat = new AgentStatusChanged(7, "unavailable", "in_chat", null, T1);
        spec.given(ANN, ON_BREAK).when(new StartWork(WorkKind.CHAT, 30, E1, T1)).then(chat, inChat);
        spec.given(ANN, ON_BREAK, chat, inChat).when(new EndWork(WorkKind.CHAT, 30, E2, T2)).then(
                new AgentWorkEnded(7, "chat", 30, E2, T2), new AgentStatusChanged(7, "in_chat", "unavailable", "break", T2));
    }

    @Test
    void aCallWinsOverAChatAndTheChatResumesWhenTheCallEnds() {
        AgentWorkStarted chat = new AgentWorkStarted(7, "chat", 30, E1, T1);
        AgentStatusChanged inChat = new AgentStatusChanged(7, "available", "in_chat", null, T1);
        AgentWorkStarted call = new AgentWorkStarted(7, "call", 12, E2, T1);
        AgentStatusChanged inCall = new AgentStatusChanged(7, "in_chat", "in_call", null, T1);
        spec.given(ANN, AVAILABLE, chat, inChat).when(new StartWork(WorkKind.CALL, 12, E2, T1)).then(call, inCall);
        // A chat finishing during the call does not end the call's status.
        spec.given(ANN, AVAILABLE, chat, inChat, call, inCall).when(new EndWork(WorkKind.CHAT, 30, E3, T2))
                .then(new AgentWorkEnded(7, "chat", 30, E3, T2));
        spec.given(ANN, AVAILABLE, chat, inChat, call, inCall).when(new EndWork(WorkKind.CALL, 12, E3, T2)).then(
                new AgentWorkEnded(7, "call", 12, E3, T2), new AgentStatusChanged(7, "in_call", "in_chat", null, T2));
        // A second chat while chatting changes no status.
        spec.given(ANN, AVAILABLE, chat, inChat).when(new StartWork(WorkKind.CHAT, 31, E3, T2))
                .then(new AgentWorkStarted(7, "chat", 31, E3, T2));
    }

    @Test
    void redeliveredOrRepeatedWorkEventsChangeNothing() {
        spec.given(ANN, AVAILABLE, CALL_12, IN_CALL).when(new StartWork(WorkKind.CALL, 12, E1, T1)).thenNothing();
        // Another event about the same call (a participant joining after CallConnected).
        spec.given(ANN, AVAILABLE, CALL_12, IN_CALL).when(new StartWork(WorkKind.CALL, 12, E2, T1)).thenNothing();
        AgentWorkEnded ended = new AgentWorkEnded(7, "call", 12, E2, T2);
        spec.given(ANN, AVAILABLE, CALL_12, IN_CALL, ended).when(new EndWork(WorkKind.CALL, 12, E2, T2)).thenNothing();
        // A later "call ended" for the call the agent already left.
        spec.given(ANN, AVAILABLE, CALL_12, IN_CALL, ended).when(new EndWork(WorkKind.CALL, 12, E3, T2)).thenNothing();
        // A redelivered start after the end must not reopen the call.
        spec.given(ANN, AVAILABLE, CALL_12, IN_CALL, ended).when(new StartWork(WorkKind.CALL, 12, E1, T2))
                .thenNothing();
        spec.given(ANN, AVAILABLE).when(new EndWork(WorkKind.CHAT, 99, E3, T2)).thenNothing();
    }

    @Test
    void noManualChangeWhileWorkIsConnected() {
        spec.given(ANN, AVAILABLE, CALL_12, IN_CALL).when(new SetStatus("offline", null, T2)).thenIllegal("in_call");
    }

    @Test
    void aDeactivatedAgentIgnoresWorkAndRefusesStatusChanges() {
        AgentDeactivated gone = new AgentDeactivated(7, null, T1);
        spec.given(ANN, AVAILABLE, gone).when(new StartWork(WorkKind.CALL, 12, E1, T2)).thenNothing();
        spec.given(ANN, AVAILABLE, gone).when(new SetStatus("offline", null, T2)).thenIllegal("inactive");
    }

    @Test
    void anAgentThatDoesNotExistIsNotFound() {
        spec.when(new SetStatus("available", null, T0)).thenNotFound();
        spec.when(new StartWork(WorkKind.CALL, 1, E1, T0)).thenNotFound();
    }

    @Test
    void onlyTheLatestSourceIdsAreRemembered() {
        List<DomainEvent> history = new ArrayList<>(List.of(ANN, AVAILABLE));
        for (int i = 0; i < AgentStatusDecider.REMEMBERED_SOURCES + 5; i++) {
            history.add(new AgentWorkStarted(7, "chat", i, new UUID(1, i), T1));
            history.add(new AgentWorkEnded(7, "chat", i, new UUID(2, i), T1));
        }
        AgentStatus agent = state(history.toArray(DomainEvent[]::new));
        assertThat(agent.appliedSources()).hasSize(AgentStatusDecider.REMEMBERED_SOURCES)
                .contains(new UUID(2, AgentStatusDecider.REMEMBERED_SOURCES + 4)).doesNotContain(new UUID(1, 0));
    }

    private void expectInvalid(AgentStatusCommand command, String field, DomainEvent... given) {
        spec.given(given).when(command).thenInvalid(field);
    }

    @Test
    void everyCommandIsDecided() {
        spec.given(ANN, AVAILABLE).everyCommandIsDecided(AgentStatusCommand.class);
    }
}
