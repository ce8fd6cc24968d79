package io.switchboard.web.input;

import io.switchboard.eventstore.decider.InvalidCommandException;

import java.time.Instant;
import java.time.ZoneId;

/**
 * @deprecated time on the wire is libs/events' {@link io.switchboard.events.WireTime}; this delegate stays
 * only until reporting's list parameters (being re-sliced in the same issue) call it.
 */
@Deprecated(forRemoval = true)
public final class WireTime {
    public static final Instant MIN = io.switchboard.events.WireTime.MIN;
    public static final Instant MAX = io.switchboard.events.WireTime.MAX;
    public static final String EXPECTED = io.switchboard.events.WireTime.EXPECTED;

    private WireTime() {
    }

    public static Instant parse(String text, String field) {
        return parse(text, null, field);
    }

    public static Instant parse(String text, ZoneId zone, String field) {
        Instant instant = io.switchboard.events.WireTime.tryParse(text, zone);
        if (instant == null) {
            throw new InvalidCommandException(field, EXPECTED);
        }
        return instant;
    }

    public static boolean inRange(Instant instant) {
        return io.switchboard.events.WireTime.inRange(instant);
    }
}
