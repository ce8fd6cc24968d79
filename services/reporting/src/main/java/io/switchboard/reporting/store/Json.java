package io.switchboard.reporting.store;

import io.switchboard.events.EventCodec;
import io.switchboard.reporting.domain.UserStatuses.UserStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builders of the Manager API's JSON shapes (snake_case keys, UTC times with milliseconds). */
final class Json {
    private Json() {
    }

    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    static String time(Instant instant) {
        return instant == null ? null : EventCodec.formatInstant(instant);
    }

    /** Whole seconds between two instants (the vendor's integer durations), null if either is unknown. */
    static Long seconds(Instant start, Instant end) {
        return start == null || end == null ? null : Math.max(0, end.getEpochSecond() - start.getEpochSecond()
                - (end.getNano() < start.getNano() ? 1 : 0));
    }

    static Long seconds(Long millis) {
        return millis == null ? null : millis / 1000;
    }

    static Map<String, Object> status(UserStatus status) {
        if (status == null) {
            return null;
        }
        Map<String, Object> json = object();
        json.put("id", status.id());
        json.put("wfm_id", status.wfmId());
        json.put("name", status.name());
        json.put("color", status.color());
        return json;
    }
}
