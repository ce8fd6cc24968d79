package io.switchboard.interaction.routing.domain;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** One chat's routing history: the requests already answered, and whether its creation and which escalations were routed. */
public record ChatRouting(Set<UUID> answeredRequests, boolean createdRouted, Set<Long> routedEscalations) {
    public static final ChatRouting NONE = new ChatRouting(Set.of(), false, Set.of());

    public ChatRouting {
        answeredRequests = Set.copyOf(answeredRequests);
        routedEscalations = Set.copyOf(routedEscalations);
    }

    ChatRouting with(RoutedChat routed) {
        Set<UUID> requests = new HashSet<>(answeredRequests);
        if (routed.requestId() != null) {
            requests.add(routed.requestId());
        }
        Set<Long> escalations = new HashSet<>(routedEscalations);
        if (routed.event().escalationId() != null) {
            escalations.add(routed.event().escalationId());
        }
        return new ChatRouting(requests, createdRouted || Trigger.CREATED.value().equals(routed.event().trigger()),
                escalations);
    }
}
