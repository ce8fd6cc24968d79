package io.switchboard.interaction.directory.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times on the wire carry milliseconds; events are stamped the same way. */
public final class Clocks {
    private Clocks() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
