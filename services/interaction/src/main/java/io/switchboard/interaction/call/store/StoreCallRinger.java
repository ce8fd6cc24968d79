package io.switchboard.interaction.call.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.interaction.call.domain.CallCommand.Ring;
import io.switchboard.interaction.routing.CallRinger;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Rings an agent by sending the call its connecting command. A call that is no longer waiting (already
 * ringing, connected, ended) or does not exist is the ordinary "no" of a router racing the call: false,
 * nothing written.
 */
@ApplicationScoped
public class StoreCallRinger implements CallRinger {
    private final CallStore calls;
    private final Clock clock;

    public StoreCallRinger(CallStore calls, Clock clock) {
        this.clock = clock;
        this.calls = calls;
    }

    @Override
    public Uni<Boolean> ring(String partnerId, long callId, long agentId) {
        return calls.findIfExists(partnerId, callId).flatMap(call -> {
            if (call.isEmpty() || !call.get().isWaitingForAgent()) {
                return Uni.createFrom().item(false);
            }
            return calls.handle(partnerId, callId, new Ring(agentId, null, WireTime.now(clock)))
                    .map(ringing -> true)
                    // Lost a race with another step: the call no longer waits.
                    .onFailure(failure -> failure instanceof IllegalTransitionException
                            || failure instanceof AggregateNotFoundException)
                    .recoverWithItem(false);
        });
    }
}
