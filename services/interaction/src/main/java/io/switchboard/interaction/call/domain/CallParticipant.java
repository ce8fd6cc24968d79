package io.switchboard.interaction.call.domain;

import java.time.Instant;

/**
 * Someone on (or expected on) a call. {@code status}: {@code waiting} or {@code dialing} until they
 * join, {@code connected} while on the call, then {@code finished} (they were connected) or
 * {@code failed} (the call ended before they joined).
 */
public record CallParticipant(long id, String type, String status, Long userId, Long endUserId, String phoneNumber,
                              Instant connectedAt, Instant endedAt) {
    public static final String AGENT = "agent";
    public static final String END_USER = "end_user";
    public static final String THIRD_PARTY = "third_party";

    public boolean isOnCall() {
        return connectedAt != null && endedAt == null;
    }

    public boolean isPending() {
        return connectedAt == null && endedAt == null;
    }

    CallParticipant joined(Instant at) {
        return new CallParticipant(id, type, "connected", userId, endUserId, phoneNumber, at, null);
    }

    CallParticipant left(Instant at) {
        return new CallParticipant(id, type, connectedAt != null ? "finished" : "failed", userId, endUserId,
                phoneNumber, connectedAt, at);
    }
}
