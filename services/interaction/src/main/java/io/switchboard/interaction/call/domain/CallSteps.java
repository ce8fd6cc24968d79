package io.switchboard.interaction.call.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** What several steps of a call share: their time, who leaves with the call, hold time, status checks. */
final class CallSteps {
    private CallSteps() {
    }

    /**
     * Everyone still on the call leaves with it. Participants who never joined get no event: consumers
     * read {@code ParticipantLeft} as the end of a time on the call; the end of the call ends their wait.
     */
    static List<DomainEvent> leaveAll(Call call, Instant at) {
        List<DomainEvent> events = new ArrayList<>();
        for (CallParticipant participant : call.participants()) {
            if (participant.isOnCall()) {
                events.add(new ParticipantLeft(call.id(), participant.id(), at));
            }
        }
        return events;
    }

    static ParticipantJoined joined(Call call, long id, String type, Long userId, Long endUserId, String phone,
                                            Instant at) {
        return new ParticipantJoined(call.id(), id, type, userId, endUserId, phone, at);
    }

    static long holdMillisUntil(Call call, Instant at) {
        return call.times().holdMillis() + (call.times().heldSince() == null ? 0 : Duration.between(call.times().heldSince(), at).toMillis());
    }

    /**
     * The time of a step: the provider's {@code at}, which may not go back before the previous step, or
     * (none given) the service's clock, never before the previous step either.
     */
    static Instant at(Instant given, Instant now, Call call) {
        Instant last = call.times().lastAt();
        if (given != null) {
            Instant at = given.truncatedTo(ChronoUnit.MILLIS);
            if (last != null && at.isBefore(last)) {
                throw new InvalidCommandException("at", "at " + at + " is earlier than the previous step of the call (" + last + ")");
            }
            return at;
        }
        return last != null && now.isBefore(last) ? last : now;
    }

    static void requireConnected(Call call, String action) {
        if (call.status() != CallStatus.CONNECTED) {
            throw illegal(call, "cannot " + action + " a call that is not connected");
        }
    }

    static IllegalTransitionException illegal(Call call, String message) {
        return new IllegalTransitionException(call.status().value(), message);
    }
}
