package io.switchboard.interaction.routing.domain;

import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Given the chat's routing stream, when a decision is to be recorded, then it is written at most once. */
class ChatRoutingDeciderTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.000Z");
    private final ChatRoutingDecider decider = new ChatRoutingDecider();

    private static ChatRouted routed(String type, long assignee, String trigger, Long escalationId) {
        return new ChatRouted(1000, type, assignee, "someone", 7L, null, trigger, escalationId, NOW);
    }

    private List<RoutedChat> when(RouteChat command, RoutedChat... given) {
        return decider.decide(command, decider.evolveAll(decider.initialState(), List.of(given)));
    }

    @Test
    void aFirstDecisionIsRecordedWithItsRequest() {
        UUID request = UUID.randomUUID();
        ChatRouted decision = routed("agent", 1, "created", null);

        assertThat(when(new RouteChat(request, decision))).containsExactly(new RoutedChat(request, decision));
    }

    @Test
    void theSameRequestIsNotAnsweredTwice() {
        UUID request = UUID.randomUUID();

        assertThat(when(new RouteChat(request, routed("agent", 2, "created", null)),
                new RoutedChat(request, routed("agent", 1, "created", null)))).isEmpty();
    }

    @Test
    void aChatIsRoutedOnCreationOnlyOnceWhateverTheRequest() {
        assertThat(when(new RouteChat(UUID.randomUUID(), routed("agent", 2, "created", null)),
                new RoutedChat(UUID.randomUUID(), routed("virtual_agent", 90, "created", null)))).isEmpty();
    }

    @Test
    void anEscalationAfterTheVirtualAgentIsRouted() {
        RouteChat escalation = new RouteChat(UUID.randomUUID(), routed("agent", 1, "escalated", 5L));

        assertThat(when(escalation, new RoutedChat(UUID.randomUUID(), routed("virtual_agent", 90, "created", null))))
                .containsExactly(new RoutedChat(escalation.requestId(), escalation.decision()));
    }

    @Test
    void oneEscalationIsRoutedOnlyOnce() {
        assertThat(when(new RouteChat(UUID.randomUUID(), routed("agent", 2, "escalated", 5L)),
                new RoutedChat(UUID.randomUUID(), routed("agent", 1, "escalated", 5L)))).isEmpty();
    }

    @Test
    void everyReleaseIsRoutedAgain() {
        RouteChat second = new RouteChat(UUID.randomUUID(), routed("agent", 2, "released", null));

        assertThat(when(second, new RoutedChat(UUID.randomUUID(), routed("agent", 1, "released", null))))
                .containsExactly(new RoutedChat(second.requestId(), second.decision()));
    }
}
