package io.switchboard.reporting.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The user statuses of the Manager API (docs/api/manager.md#user-statuses). Agent status events carry the status name;
 * it is matched to these ignoring case, spaces, hyphens and underscores ("wrap_up" = "Wrap-up").
 * A name not in the list is a custom status without an id.
 */
public final class UserStatuses {

    public record UserStatus(Integer id, String name, String color, Integer wfmId) {
    }

    public static final List<UserStatus> DEFAULTS = List.of(
            new UserStatus(0, "Available", "green", 11),
            new UserStatus(-1, "Unavailable", "red", 12),
            new UserStatus(-2, "Break", "yellow", 29),
            new UserStatus(-3, "Special Task", "pink", 30),
            new UserStatus(-4, "Meal", "brown", 31),
            new UserStatus(-5, "Missed Call", "blue_grey", 32),
            new UserStatus(-6, "Wrap-up", "purple", 33),
            new UserStatus(-7, "In-call", "light_blue", 34),
            new UserStatus(-8, "In-chat", "indigo", 35),
            new UserStatus(-10, "Offline", "grey", 36));

    private static final Map<String, UserStatus> BY_KEY = new LinkedHashMap<>();

    static {
        for (UserStatus status : DEFAULTS) {
            BY_KEY.put(key(status.name()), status);
        }
    }

    private UserStatuses() {
    }

    /** The status of that name, or null for no name. */
    public static UserStatus byName(String name) {
        if (name == null) {
            return null;
        }
        UserStatus known = BY_KEY.get(key(name));
        return known != null ? known : new UserStatus(null, name, null, null);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }
}
