package io.switchboard.reporting.calls;

import io.switchboard.reporting.calls.CallFacts.Participant;
import io.switchboard.reporting.calls.CallFacts.Transfer;
import io.switchboard.reporting.calls.CallMetrics.TransferTime;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Computes the call-segment metrics from a call's facts (definitions: docs/api/manager.md#metric-definitions;
 * our rules, also stated below: docs/api/manager.md#how-switchboard-computes-them). Pure: no clock, no I/O,
 * so the same facts always give the same metrics whatever order the events arrived in.
 *
 * <p>Definitions (start → end):
 * <ul>
 *   <li>billing time and call time: created_at → ended_at</li>
 *   <li>IVR time: created_at → queued_at (null for outbound calls and calls never queued)</li>
 *   <li>queue time = wait time: queued_at → connected_at (null if the call never queued or never connected)</li>
 *   <li>handle time: connected_at → ended_at</li>
 *   <li>ring time: connecting_at → connected_at</li>
 *   <li>talk time: duration − hold_duration; hold time: hold_duration (both only for connected, ended calls)</li>
 *   <li>transfer time, per transfer: transfer created_at → connected_at of the participant the transfer
 *       reached (for target {@code agent} the agent participant of {@code to_agent}, for {@code external}
 *       the third party with {@code to_number}, for {@code team} any agent other than {@code from_agent}),
 *       the earliest such participant connecting at or after the transfer and not already claimed by an
 *       earlier transfer</li>
 *   <li>conference time: the total time during which at least two agent participants were connected at
 *       once (the union of those moments, so three overlapping agents do not count twice)</li>
 *   <li>third-party talk time: the total time during which at least one third-party participant and at
 *       least one agent participant were connected at once</li>
 * </ul>
 * A participant without ended_at is taken as connected until the call's ended_at. Conference and
 * third-party talk time need a connected, ended call; they are zero when such a call had no overlap.
 */
public final class CallMetricsCalculator {

    private CallMetricsCalculator() {
    }

    public static CallMetrics compute(CallFacts call) {
        BigDecimal callTime = seconds(call.createdAt(), call.endedAt());
        BigDecimal ivrTime = call.outbound() ? null : seconds(call.createdAt(), call.queuedAt());
        BigDecimal queueTime = seconds(call.queuedAt(), call.connectedAt());
        BigDecimal handleTime = seconds(call.connectedAt(), call.endedAt());
        BigDecimal ringTime = seconds(call.connectingAt(), call.connectedAt());

        boolean connectedAndEnded = call.connectedAt() != null && call.endedAt() != null;
        BigDecimal holdTime = null;
        BigDecimal talkTime = null;
        if (connectedAndEnded && call.durationMillis() != null) {
            long hold = call.holdDurationMillis() == null ? 0 : call.holdDurationMillis();
            holdTime = millis(hold);
            talkTime = millis(Math.max(0, call.durationMillis() - hold));
        }
        BigDecimal conferenceTime = null;
        BigDecimal thirdPartyTalkTime = null;
        if (connectedAndEnded) {
            List<Interval> agents = intervals(call, Participant::isAgent);
            List<Interval> thirdParties = intervals(call, Participant::isThirdParty);
            conferenceTime = millis(atLeastTwo(agents));
            thirdPartyTalkTime = millis(bothPresent(agents, thirdParties));
        }
        return new CallMetrics(callTime, callTime, ivrTime, queueTime, queueTime, handleTime, ringTime,
                talkTime, holdTime, conferenceTime, thirdPartyTalkTime, transferTimes(call));
    }

    private static List<TransferTime> transferTimes(CallFacts call) {
        List<Transfer> transfers = call.transfers().stream()
                .sorted(Comparator.comparing(Transfer::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingLong(Transfer::id))
                .toList();
        List<Participant> byConnection = call.participants().stream()
                .filter(p -> p.connectedAt() != null)
                .sorted(Comparator.comparing(Participant::connectedAt).thenComparingLong(Participant::id))
                .toList();
        Set<Long> claimed = new HashSet<>();
        List<TransferTime> result = new ArrayList<>();
        for (Transfer transfer : transfers) {
            BigDecimal time = null;
            if (transfer.createdAt() != null) {
                for (Participant p : byConnection) {
                    if (!claimed.contains(p.id()) && !p.connectedAt().isBefore(transfer.createdAt())
                            && reaches(transfer, p)) {
                        claimed.add(p.id());
                        time = seconds(transfer.createdAt(), p.connectedAt());
                        break;
                    }
                }
            }
            result.add(new TransferTime(transfer.id(), time));
        }
        return result;
    }

    private static boolean reaches(Transfer transfer, Participant p) {
        return switch (transfer.targetType() == null ? "" : transfer.targetType()) {
            case "agent" -> p.isAgent() && Objects.equals(p.userId(), transfer.toAgentId());
            case "external" -> p.isThirdParty()
                    && (transfer.toNumber() == null || transfer.toNumber().equals(p.phoneNumber()));
            case "team" -> p.isAgent() && !Objects.equals(p.userId(), transfer.fromAgentId());
            default -> false;
        };
    }

    private record Interval(Instant start, Instant end) {
    }

    private static List<Interval> intervals(CallFacts call, Predicate<Participant> which) {
        List<Interval> result = new ArrayList<>();
        for (Participant p : call.participants()) {
            if (!which.test(p) || p.connectedAt() == null) {
                continue;
            }
            Instant end = p.endedAt() != null ? p.endedAt() : call.endedAt();
            if (end != null && end.isAfter(p.connectedAt())) {
                result.add(new Interval(p.connectedAt(), end));
            }
        }
        return result;
    }

    /** Milliseconds during which at least two of the intervals cover the moment (sweep line). */
    static long atLeastTwo(List<Interval> intervals) {
        return coveredWhere(intervals, List.of(), (a, b) -> a >= 2);
    }

    /** Milliseconds during which at least one interval of each list covers the moment. */
    static long bothPresent(List<Interval> first, List<Interval> second) {
        return coveredWhere(first, second, (a, b) -> a >= 1 && b >= 1);
    }

    private interface CountCondition {
        boolean holds(int first, int second);
    }

    private record Edge(Instant at, int first, int second) {
    }

    private static long coveredWhere(List<Interval> first, List<Interval> second, CountCondition condition) {
        List<Edge> edges = new ArrayList<>();
        for (Interval i : first) {
            edges.add(new Edge(i.start(), 1, 0));
            edges.add(new Edge(i.end(), -1, 0));
        }
        for (Interval i : second) {
            edges.add(new Edge(i.start(), 0, 1));
            edges.add(new Edge(i.end(), 0, -1));
        }
        edges.sort(Comparator.comparing(Edge::at));
        long total = 0;
        int a = 0;
        int b = 0;
        Instant previous = null;
        for (Edge edge : edges) {
            if (previous != null && condition.holds(a, b)) {
                total += Duration.between(previous, edge.at()).toMillis();
            }
            a += edge.first();
            b += edge.second();
            previous = edge.at();
        }
        return total;
    }

    private static BigDecimal seconds(Instant start, Instant end) {
        if (start == null || end == null) {
            return null;
        }
        return millis(Math.max(0, Duration.between(start, end).toMillis()));
    }

    private static BigDecimal millis(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }
}
