package io.switchboard.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A service's clock in tests: the system clock, shifted by what a test sets (a retention test moves it a
 * year ahead). A service's tests make it the service's {@code Clock} bean — it replaces libs/eventstore's
 * default one — with a one-line subclass in their sources, annotated {@code @Singleton}.
 */
public class ShiftedClock extends Clock {
    private volatile Duration shift = Duration.ZERO;

    public void shift(Duration by) {
        this.shift = by;
    }

    public void reset() {
        this.shift = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), shift);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }
}
