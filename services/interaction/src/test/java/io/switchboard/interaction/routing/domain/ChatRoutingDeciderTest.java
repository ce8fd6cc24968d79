package io.switchboard.interaction.routing.domain;

import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;


/** Given the chat's routing stream, when a decision is to be recorded, then it is written at most once. */
class ChatRoutingDeciderTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.000Z");
    private final DeciderSpec<RouteChat, ChatRouting, RoutedChat> spec = DeciderSpec.of(new ChatRoutingDecider());

    private static ChatRouted routed(String type, long assignee, String trigger, Long escalationId) {
        return new ChatRouted(1000, type, assignee, "someone", 7L, null, trigger, escalationId, NOW);
    }

    @Test
    void aFirstDecisionIsRecordedWithItsRequest() {
        UUID request = UUID.randomUUID();
        ChatRouted decision = routed("agent", 1, "created", null);

        spec.when(new RouteChat(request, decision)).then(new RoutedChat(request, decision));
    }

    @Test
    void theSameRequestIsNotAnsweredTwice() {
        UUID request = UUID.randomUUID();

        spec.given(new RoutedChat(request, routed("agent", 1, "created", null)))
                .when(new RouteChat(request, routed("agent", 2, "created", null))).thenNothing();
    }

    @Test
    void aChatIsRoutedOnCreationOnlyOnceWhateverTheRequest() {
        spec.given(new RoutedChat(UUID.randomUUID(), routed("virtual_agent", 90, "created", null)))
                .when(new RouteChat(UUID.randomUUID(), routed("agent", 2, "created", null))).thenNothing();
    }

    @Test
    void anEscalationAfterTheVirtualAgentIsRouted() {
        RouteChat escalation = new RouteChat(UUID.randomUUID(), routed("agent", 1, "escalated", 5L));

        spec.given(new RoutedChat(UUID.randomUUID(), routed("virtual_agent", 90, "created", null)))
                .when(escalation).then(new RoutedChat(escalation.requestId(), escalation.decision()));
    }

    @Test
    void oneEscalationIsRoutedOnlyOnce() {
        spec.given(new RoutedChat(UUID.randomUUID(), routed("agent", 1, "escalated", 5L)))
                .when(new RouteChat(UUID.randomUUID(), routed("agent", 2, "escalated", 5L))).thenNothing();
    }

    @Test
    void everyReleaseIsRoutedAgain() {
        RouteChat second = new RouteChat(UUID.randomUUID(), routed("agent", 2, "released", null));

        spec.given(new RoutedChat(UUID.randomUUID(), routed("agent", 1, "released", null))).when(second)
                .then(new RoutedChat(second.requestId(), second.decision()));
    }
}
