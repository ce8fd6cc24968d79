package io.switchboard.interaction.routing;

import io.smallrye.mutiny.Uni;

/**
 * Rings an agent for a queued call. The router decides who; the call package implements this by
 * sending the call aggregate its "connecting" command, so the call records {@code CallConnecting}.
 */
public interface CallRinger {
    /**
     * Completes with {@code true} if the call was still waiting for an agent and now rings
     * {@code agentId}; {@code false} if it no longer needs one (already ringing someone, connected,
     * ended, or unknown). Never fails for those ordinary cases.
     */
    Uni<Boolean> ring(String partnerId, long callId, long agentId);
}
