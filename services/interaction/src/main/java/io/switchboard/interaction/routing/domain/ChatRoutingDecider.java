package io.switchboard.interaction.routing.domain;

import io.switchboard.eventstore.decider.Decider;

import java.util.List;

/**
 * The chat_routing aggregate: a chat is routed at most once per request, at most once on creation and
 * at most once per escalation, so a redelivered or concurrently handled request writes nothing more.
 * The store appends at the version it decided on, which makes the check race-safe.
 */
public final class ChatRoutingDecider implements Decider<RouteChat, ChatRouting, RoutedChat> {

    @Override
    public ChatRouting initialState() {
        return ChatRouting.NONE;
    }

    @Override
    public List<RoutedChat> decide(RouteChat command, ChatRouting state) {
        String trigger = command.decision().trigger();
        boolean seen = state.answeredRequests().contains(command.requestId())
                || (Trigger.CREATED.value().equals(trigger) && state.createdRouted())
                || (Trigger.ESCALATED.value().equals(trigger) && command.decision().escalationId() != null
                && state.routedEscalations().contains(command.decision().escalationId()));
        return seen ? List.of() : List.of(new RoutedChat(command.requestId(), command.decision()));
    }

    @Override
    public ChatRouting evolve(ChatRouting state, RoutedChat event) {
        return state.with(event);
    }
}
