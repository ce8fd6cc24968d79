package io.switchboard.interaction.routing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import io.switchboard.interaction.routing.domain.Assignment;
import io.switchboard.interaction.routing.domain.RouteChat;
import io.switchboard.interaction.routing.domain.Trigger;
import io.switchboard.interaction.routing.domain.WorkKind;
import io.switchboard.interaction.routing.store.ChatRoutingStore;
import io.switchboard.interaction.routing.store.RoutingDecisions;
import io.switchboard.interaction.routing.store.RoutingDecisions.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decides who gets a partner's waiting work and delivers the decisions: a chat's decision becomes a
 * ChatRouted in its chat_routing stream (the chat service applies it), a call's decision rings the
 * agent through {@link CallRinger}. Without a CallRinger in the application, calls wait.
 */
@ApplicationScoped
public class Router {
    private static final Logger LOG = Logger.getLogger(Router.class);

    private final RoutingDecisions decisions;
    private final ChatRoutingStore chatRouting;
    private final Instance<CallRinger> ringers;
    private final Duration staleAfter;
    private final Clock clock;

    public Router(RoutingDecisions decisions, ChatRoutingStore chatRouting, Instance<CallRinger> ringers,
                  @ConfigProperty(name = "switchboard.routing.redeliver-after", defaultValue = "PT30S") Duration staleAfter, Clock clock) {
        this.clock = clock;
        this.decisions = decisions;
        this.chatRouting = chatRouting;
        this.ringers = ringers;
        this.staleAfter = staleAfter;
        if (!ringers.isResolvable()) {
            LOG.warn("no CallRinger in the application: queued calls wait, chats are routed");
        }
    }

    /** Routes whatever of the partner's work can be routed now. */
    public Uni<Void> dispatch(String partnerId) {
        Set<WorkKind> kinds = ringers.isResolvable() ? EnumSet.allOf(WorkKind.class) : EnumSet.of(WorkKind.CHAT);
        return decisions.decide(partnerId, kinds, staleAfter)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(this::deliver)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> deliver(Decision decision) {
        Uni<Void> delivery = decision.assignment().work().kind() == WorkKind.CHAT ? deliverChat(decision) : ring(decision);
        return delivery.onFailure().recoverWithUni(failure -> {
            LOG.warnf(failure, "could not deliver routing of %s %d; it waits again",
                    decision.assignment().work().kind().value(), decision.assignment().work().workId());
            return decisions.retry(decision);
        });
    }

    private Uni<Void> deliverChat(Decision decision) {
        Assignment a = decision.assignment();
        Trigger trigger = a.work().trigger();
        ChatRouted routed = new ChatRouted(a.work().workId(), a.assigneeType().value(), a.assigneeId(), a.assigneeName(),
                a.work().menuId(), a.teamId(), trigger.value(),
                trigger == Trigger.ESCALATED ? a.work().escalationId() : null,
                WireTime.now(clock));
        return chatRouting.route(decision.partnerId(), new RouteChat(decision.requestId(), routed))
                .chain(outcome -> outcome == ChatRoutingStore.Outcome.REFUSED
                        ? decisions.undeliverable(decision)
                        : decisions.delivered(decision));
    }

    private Uni<Void> ring(Decision decision) {
        Assignment a = decision.assignment();
        return ringers.get().ring(decision.partnerId(), a.work().workId(), a.assigneeId())
                .chain(ringing -> ringing ? decisions.delivered(decision) : decisions.undeliverable(decision));
    }
}
