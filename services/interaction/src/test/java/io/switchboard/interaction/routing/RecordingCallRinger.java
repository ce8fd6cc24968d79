package io.switchboard.interaction.routing;

import io.smallrye.mutiny.Uni;
import io.switchboard.interaction.call.store.StoreCallRinger;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The call package's {@link CallRinger}, with every ring the router asks for recorded, so routing
 * tests can see whom the router chose while the real call aggregate still decides what happens.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingCallRinger implements CallRinger {
    public record Ring(String partnerId, long callId, long agentId) {
    }

    private final List<Ring> rings = new CopyOnWriteArrayList<>();

    @Inject
    StoreCallRinger calls;

    @Override
    public Uni<Boolean> ring(String partnerId, long callId, long agentId) {
        rings.add(new Ring(partnerId, callId, agentId));
        return calls.ring(partnerId, callId, agentId);
    }

    public List<Ring> ringsOf(String partnerId) {
        return rings.stream().filter(ring -> ring.partnerId().equals(partnerId)).toList();
    }
}
