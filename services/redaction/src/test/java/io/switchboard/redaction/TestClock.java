package io.switchboard.redaction;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests (it replaces libs/eventstore's default {@code Clock} bean): the system clock,
 * shifted by what a test sets — the retention test moves it a year ahead.
 */
@Singleton
public class TestClock extends Clock {
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
