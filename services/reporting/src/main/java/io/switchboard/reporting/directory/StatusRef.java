package io.switchboard.reporting.directory;

/** A user status as agents and activity logs carry it; a custom status name has a null id. */
public record StatusRef(Integer id, Integer wfmId, String name, String color) {

    static StatusRef of(UserStatuses.UserStatus status) {
        return status == null ? null : new StatusRef(status.id(), status.wfmId(), status.name(), status.color());
    }
}
