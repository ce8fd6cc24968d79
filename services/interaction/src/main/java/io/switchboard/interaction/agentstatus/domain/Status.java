package io.switchboard.interaction.agentstatus.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** An agent's status. Agents and supervisors set the first three; work sets the others. */
public enum Status {
    AVAILABLE, UNAVAILABLE, OFFLINE, IN_CALL, IN_CHAT, WRAP_UP;

    public static final Set<Status> SETTABLE = Set.of(AVAILABLE, UNAVAILABLE, OFFLINE);
    /** Why an agent is unavailable; required with (and only with) {@code unavailable}. */
    public static final Set<String> UNAVAILABLE_REASONS = Set.of("break", "lunch", "training", "meeting", "other");

    public String value() {
        return name().toLowerCase();
    }

    public static Optional<Status> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }
}
