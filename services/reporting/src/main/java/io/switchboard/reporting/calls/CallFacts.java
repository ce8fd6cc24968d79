package io.switchboard.reporting.calls;

import java.time.Instant;
import java.util.List;

/**
 * What the read side knows about one call: the timestamps and durations of the call events, its
 * participants and its transfers. Any of them may still be unknown (null) while the call runs or
 * while its events are still arriving.
 *
 * @param outbound           an outbound call never passes an IVR, so it has no IVR time
 * @param durationMillis     the call's duration as reported by {@code CallEnded} (connected time incl. hold)
 * @param holdDurationMillis the accumulated hold time (all holds of the call)
 */
public record CallFacts(
        boolean outbound,
        Instant createdAt,
        Instant queuedAt,
        Instant connectingAt,
        Instant connectedAt,
        Instant endedAt,
        Long durationMillis,
        Long holdDurationMillis,
        List<Participant> participants,
        List<Transfer> transfers) {

    public CallFacts {
        participants = participants == null ? List.of() : List.copyOf(participants);
        transfers = transfers == null ? List.of() : List.copyOf(transfers);
    }

    /** A call participant; {@code type} is {@code agent}, {@code end_user}, {@code third_party} or {@code virtual_agent}. */
    public record Participant(long id, String type, Long userId, String phoneNumber, Instant connectedAt,
                              Instant endedAt) {
        public boolean isAgent() {
            return "agent".equals(type);
        }

        public boolean isThirdParty() {
            return "third_party".equals(type);
        }
    }

    /** A transfer; {@code targetType} is {@code agent}, {@code team} or {@code external}. */
    public record Transfer(long id, String targetType, Long fromAgentId, Long toAgentId, String toNumber,
                           Instant createdAt) {
    }
}
