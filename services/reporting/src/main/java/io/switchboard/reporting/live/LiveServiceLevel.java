package io.switchboard.reporting.live;

/**
 * The calls that left the queue within the window: {@code offered} (answered or abandoned after queueing),
 * {@code answeredWithinThreshold}, {@code abandoned}; {@code percent} = answered within threshold / offered × 100,
 * null when nothing was offered.
 */
public record LiveServiceLevel(int offered, int answeredWithinThreshold, int abandoned, Double percent) {
    public static final LiveServiceLevel NONE = new LiveServiceLevel(0, 0, 0, null);
}
