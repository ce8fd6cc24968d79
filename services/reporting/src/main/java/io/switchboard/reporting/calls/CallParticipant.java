package io.switchboard.reporting.calls;

import java.time.Instant;

/**
 * A participant of a call (docs/api/manager.md#call-participants), nested in its call and listed on its
 * own ({@code GET /call_participants}). {@code type} is {@code agent}, {@code end_user},
 * {@code third_party} or {@code virtual_agent}.
 */
public record CallParticipant(long id, String type, String status, long callId, Long userId, Long endUserId,
                              Long callDuration, Instant connectedAt, Instant endedAt, String failReason,
                              String phoneNumber) {

    /**
     * A participant without its own end is connected until the call ended (docs/api/manager.md#how-switchboard-computes-them):
     * waiting before it connected, connected until then, finished after.
     */
    static CallParticipant of(long callId, Instant callEndedAt, CallFacts.Participant p, Long endUserId) {
        Instant end = p.endedAt() != null ? p.endedAt() : callEndedAt;
        String status = p.connectedAt() == null ? "waiting" : end == null ? "connected" : "finished";
        return new CallParticipant(p.id(), p.type(), status, callId, p.userId(), endUserId,
                io.switchboard.reporting.jdbc.Durations.seconds(p.connectedAt(), end), p.connectedAt(), p.endedAt(),
                "nothing", p.phoneNumber());
    }
}
