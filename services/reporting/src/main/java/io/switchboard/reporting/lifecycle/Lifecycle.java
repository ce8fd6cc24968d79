package io.switchboard.reporting.lifecycle;

/**
 * Where a conversation went (the lifecycle terms of seed 000 and docs/api/platform-data-api.md): the one definition
 * of contained, abandoned, transferred and deflected, read by a conversation's {@code containment} and
 * {@code lifecycle} fields and by the analytics' contained count, so the two can never disagree.
 *
 * <p>Contained means the virtual agent or IVR alone handled it: it ended without ever waiting for a human (queued
 * counts as not contained), without a human taking part and without being deflected (a human was wanted). Abandoned: it waited for a human and ended before one
 * took it (and was not deflected). Deflected: a human was wanted but the conversation was routed elsewhere (another
 * channel). The three are exclusive; an open conversation is none of them.
 *
 * @param queued      it waited for an agent at some point (a call's queue, a chat created or changed to queued)
 * @param assigned    a human agent took it (a call connected to an agent or joined by one; a chat handed to an agent)
 * @param transferred it moved from one agent to another (a call's transfer, a chat's second agent hand-over)
 */
public record Lifecycle(Containment containment, boolean queued, boolean assigned, boolean abandoned,
                        boolean transferred, boolean deflected) {

    public enum Containment { CONTAINED, NOT_CONTAINED, IN_PROGRESS }

    /** The end status a call shows when routing sent it away from the agents (docs/api/calls.md#call-statuses). */
    public static final String DEFLECTED_CALL_STATUS = "deflected";

    /**
     * What a call's lifecycle is decided from.
     *
     * @param rang             it started ringing at an agent ({@code connecting})
     * @param connected        an agent and the caller were bridged
     * @param agentParticipant an agent joined it (a transfer or conference target, or the agent placing it)
     * @param outbound         an agent placed it (never contained)
     * @param endedStatus      the end status, null while it runs
     */
    public record CallFacts(boolean ended, boolean queued, boolean rang, boolean connected, boolean agentParticipant,
                            boolean outbound, int transfers, String endedStatus) {
    }

    /**
     * What a chat's lifecycle is decided from.
     *
     * @param assignedAt       the chat's first agent hand-over has a time ({@code assigned_at})
     * @param agentHandOvers   how many hand-overs went to an agent (a virtual agent's do not count)
     * @param deflected        a deflection channel was recorded for it
     */
    public record ChatFacts(boolean ended, boolean queued, boolean assignedAt, int agentHandOvers, boolean deflected) {
    }

    public static Lifecycle of(CallFacts call) {
        boolean human = call.rang() || call.connected() || call.agentParticipant() || call.outbound();
        boolean assigned = call.connected() || call.agentParticipant();
        boolean deflected = call.ended() && DEFLECTED_CALL_STATUS.equals(call.endedStatus());
        return new Lifecycle(containment(call.ended(), call.queued() || human || deflected), call.queued(), assigned,
                call.ended() && (call.queued() || call.rang()) && !assigned && !deflected, call.transfers() > 0, deflected);
    }

    public static Lifecycle of(ChatFacts chat) {
        boolean assigned = chat.assignedAt() || chat.agentHandOvers() > 0;
        return new Lifecycle(containment(chat.ended(), chat.queued() || assigned || chat.deflected()), chat.queued(), assigned,
                chat.ended() && chat.queued() && !assigned && !chat.deflected(), chat.agentHandOvers() > 1,
                chat.deflected());
    }

    private static Containment containment(boolean ended, boolean humanWantedOrInvolved) {
        if (!ended) {
            return Containment.IN_PROGRESS;
        }
        return humanWantedOrInvolved ? Containment.NOT_CONTAINED : Containment.CONTAINED;
    }

    public boolean contained() {
        return containment == Containment.CONTAINED;
    }
}
