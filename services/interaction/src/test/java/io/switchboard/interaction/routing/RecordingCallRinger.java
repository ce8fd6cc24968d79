package io.switchboard.interaction.routing;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tests' own {@link CallRinger}: it records every ring and answers that the call now rings the
 * agent. It takes precedence over the call package's implementation so routing is tested alone.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingCallRinger implements CallRinger {
    public record Ring(String partnerId, long callId, long agentId) {
    }

    private final List<Ring> rings = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Boolean> ring(String partnerId, long callId, long agentId) {
        rings.add(new Ring(partnerId, callId, agentId));
        return Uni.createFrom().item(true);
    }

    public List<Ring> ringsOf(String partnerId) {
        return rings.stream().filter(ring -> ring.partnerId().equals(partnerId)).toList();
    }
}
