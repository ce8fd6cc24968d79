package io.switchboard.reporting.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The calls that left the queue within the window: {@code offered} (answered or abandoned after queueing),
 * {@code answeredWithinThreshold}, {@code abandoned}; {@code percent} = answered within threshold / offered × 100,
 * null when nothing was offered.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record LiveServiceLevel(int offered, int answeredWithinThreshold, int abandoned, Double percent) {
    public static final LiveServiceLevel NONE = new LiveServiceLevel(0, 0, 0, null);
}
