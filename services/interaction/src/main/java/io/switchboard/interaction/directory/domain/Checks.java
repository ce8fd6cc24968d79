package io.switchboard.interaction.directory.domain;

import io.switchboard.events.FieldChange;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Field checks and change lists shared by the directory deciders; fields use their JSON names. */
final class Checks {
    static final int NAME_MAX = 100;

    private Checks() {
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException(field, field + " is required");
        }
        if (value.length() > NAME_MAX) {
            throw new InvalidCommandException(field, field + " is at most " + NAME_MAX + " characters");
        }
        return value.strip();
    }

    static String requireEmail(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException(field, field + " is required");
        }
        if (!FieldChecks.isEmail(value)) {
            throw new InvalidCommandException(field, field + " must be a well-formed email address");
        }
        return value.strip();
    }

    static String optionalUrl(String value, String field) {
        if (value == null) {
            return null;
        }
        if (!FieldChecks.isHttpUrl(value)) {
            throw new InvalidCommandException(field, field + " must be an absolute http(s) URL");
        }
        return value;
    }

    static String requireOneOf(String value, Set<String> allowed, String field) {
        if (value == null || !allowed.contains(value)) {
            throw new InvalidCommandException(field, field + " must be one of " + allowed.stream().sorted().toList());
        }
        return value;
    }

    /** Referenced ids must exist (and be active) for the partner: {@code known} is what the store found. */
    static List<Long> requireKnownIds(List<Long> ids, Set<Long> known, String field, String idSuffix, String what) {
        if (ids == null) {
            return List.of();
        }
        List<Long> distinct = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            String at = field + "[" + i + "]" + idSuffix;
            if (id == null || id <= 0) {
                throw new InvalidCommandException(at, "must be a positive integer");
            }
            if (!known.contains(id)) {
                throw new InvalidCommandException(at, what + " " + id + " does not exist or is deactivated");
            }
            if (!distinct.contains(id)) {
                distinct.add(id);
            }
        }
        return List.copyOf(distinct);
    }

    static Long optionalKnownId(Long id, boolean known, String field, String what) {
        if (id == null) {
            return null;
        }
        if (id <= 0) {
            throw new InvalidCommandException(field, field + " must be a positive integer");
        }
        if (!known) {
            throw new InvalidCommandException(field, what + " " + id + " does not exist or is deactivated");
        }
        return id;
    }

    /** Collects former → new values of the fields a command changes; unchanged fields are left out. */
    static final class Changes {
        private final List<FieldChange> changes = new ArrayList<>();

        void add(String field, Object former, Object current) {
            if (!Objects.equals(former, current)) {
                changes.add(new FieldChange(field, text(former), text(current)));
            }
        }

        boolean isEmpty() {
            return changes.isEmpty();
        }

        List<FieldChange> list() {
            return List.copyOf(changes);
        }

        private static String text(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
            }
            return value.toString();
        }
    }
}
