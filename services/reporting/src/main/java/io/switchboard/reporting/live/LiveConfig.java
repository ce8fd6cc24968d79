package io.switchboard.reporting.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The live snapshot's service-level rule. */
@ConfigMapping(prefix = "switchboard.live")
public interface LiveConfig {
    /** A call answered within this much queue time counts as within the service level. */
    @WithDefault("PT20S")
    Duration serviceLevelThreshold();

    /** The service level counts the calls that left the queue during this last span. */
    @WithDefault("PT15M")
    Duration serviceLevelWindow();
}
