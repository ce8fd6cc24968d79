package io.switchboard.interaction.agentstatus.domain;

import io.switchboard.events.WireEnum;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** An agent's status. Agents and supervisors set the first three; work sets the others. */
public enum Status implements WireEnum {
    AVAILABLE, UNAVAILABLE, OFFLINE, IN_CALL, IN_CHAT, WRAP_UP;

    public static final Set<Status> SETTABLE = Set.of(AVAILABLE, UNAVAILABLE, OFFLINE);
    /** Why an agent is unavailable; required with (and only with) {@code unavailable}. */
    public static final Set<String> UNAVAILABLE_REASONS = Set.of("break", "lunch", "training", "meeting", "other");

    @Override
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Status> of(String value) {
        return WireEnum.find(Status.class, value);
    }
}
