package io.switchboard.reporting.live;

import io.switchboard.reporting.directory.UserStatuses;

/**
 * The coarse state of an agent's status, for counting. The status names are the directory's
 * ({@link UserStatuses}); a custom status (one not in the list) counts as unavailable, no status at all as offline.
 */
public enum AgentState {
    AVAILABLE("available"), BUSY("busy"), WRAP_UP("wrapUp"), UNAVAILABLE("unavailable"), OFFLINE("offline");

    public final String wire;

    AgentState(String wire) {
        this.wire = wire;
    }

    public static AgentState of(String status) {
        UserStatuses.UserStatus known = UserStatuses.byName(status);
        if (known == null) {
            return OFFLINE;
        }
        Integer id = known.id();
        if (id == null) {
            return UNAVAILABLE;
        }
        return switch (id) {
            case 0 -> AVAILABLE;
            case -6 -> WRAP_UP;
            case -7, -8 -> BUSY;
            case -10 -> OFFLINE;
            default -> UNAVAILABLE;
        };
    }
}
