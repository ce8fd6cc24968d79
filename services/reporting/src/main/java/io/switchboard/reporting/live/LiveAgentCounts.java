package io.switchboard.reporting.live;

/** Agents per coarse state ({@link AgentState}). */
public record LiveAgentCounts(int available, int busy, int wrapUp, int unavailable, int offline) {
    public static final LiveAgentCounts NONE = new LiveAgentCounts(0, 0, 0, 0, 0);
}
