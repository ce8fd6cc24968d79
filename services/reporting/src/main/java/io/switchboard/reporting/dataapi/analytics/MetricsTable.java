package io.switchboard.reporting.dataapi.analytics;

import io.switchboard.events.WireTime;
import io.switchboard.reporting.calls.CallMetrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Adds conversations up per partner, bucket and group. Durations are summed as whole milliseconds (the metrics have
 * exactly three decimals), so a total is exactly the sum of the per-call values the Manager API shows. Pure.
 */
final class MetricsTable {
    /** The call-segment metrics in the order of {@link ConversationMetrics.Row}, transfer time apart. */
    private static final List<Function<CallMetrics, BigDecimal>> CALL_METRICS = List.of(CallMetrics::billingTime,
            CallMetrics::callTime, CallMetrics::ivrTime, CallMetrics::queueTime, CallMetrics::waitTime,
            CallMetrics::handleTime, CallMetrics::ringTime, CallMetrics::talkTime, CallMetrics::holdTime,
            CallMetrics::conferenceTime, CallMetrics::thirdPartyTalkTime);

    /** What one conversation contributes. {@code metrics} is null for a chat. */
    record Measured(boolean call, boolean ended, boolean contained, CallMetrics metrics) {
    }

    private record Key(String partnerId, Instant bucket, String groupId) {
    }

    private static final class Sums {
        final String groupName;
        int conversations;
        int calls;
        int chats;
        int ended;
        int contained;
        final int[] counts = new int[CALL_METRICS.size() + 1];
        final long[] millis = new long[CALL_METRICS.size() + 1];

        Sums(String groupName) {
            this.groupName = groupName;
        }

        void add(int metric, BigDecimal seconds) {
            if (seconds != null) {
                counts[metric]++;
                millis[metric] += seconds.movePointRight(3).longValueExact();
            }
        }
    }

    private final Buckets buckets;
    private final String groupBy;
    /** Ordered only once, for the answer: a sorted map would compare keys on every conversation added. */
    private final Map<Key, Sums> sums = new HashMap<>();
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::partnerId).thenComparing(Key::bucket)
            .thenComparing(Key::groupId, Comparator.nullsLast(Comparator.naturalOrder()));

    MetricsTable(Buckets buckets, String groupBy) {
        this.buckets = buckets;
        this.groupBy = groupBy;
    }

    /** Counts the conversation once in each of its groups (none: the group without an id). */
    void add(String partner, Instant createdAt, Collection<GroupKey> groups, Measured m) {
        Instant bucket = buckets.start(createdAt);
        if (groups.isEmpty()) {
            add(new Key(partner, bucket, null), null, m);
        }
        for (GroupKey g : groups) {
            add(new Key(partner, bucket, g.id()), g.name(), m);
        }
    }

    private void add(Key key, String groupName, Measured m) {
        Sums s = sums.computeIfAbsent(key, k -> new Sums(groupName));
        s.conversations++;
        if (m.call()) {
            s.calls++;
        } else {
            s.chats++;
        }
        if (m.ended()) {
            s.ended++;
        }
        if (m.contained()) {
            s.contained++;
        }
        if (m.metrics() != null) {
            for (int i = 0; i < CALL_METRICS.size(); i++) {
                s.add(i, CALL_METRICS.get(i).apply(m.metrics()));
            }
            m.metrics().transferTimes().forEach(t -> s.add(CALL_METRICS.size(), t.transferTime()));
        }
    }

    int size() {
        return sums.size();
    }

    List<ConversationMetrics.Row> rows() {
        List<ConversationMetrics.Row> rows = new ArrayList<>(sums.size());
        Map<Key, Sums> ordered = new TreeMap<>(ORDER);
        ordered.putAll(sums);
        ordered.forEach((key, s) -> {
            ConversationMetrics.Duration[] d = new ConversationMetrics.Duration[s.counts.length];
            for (int i = 0; i < d.length; i++) {
                BigDecimal total = BigDecimal.valueOf(s.millis[i], 3);
                d[i] = new ConversationMetrics.Duration(s.counts[i], total, s.counts[i] == 0 ? null
                        : total.divide(BigDecimal.valueOf(s.counts[i]), 3, RoundingMode.HALF_UP));
            }
            BigDecimal rate = s.ended == 0 ? null
                    : BigDecimal.valueOf(s.contained).divide(BigDecimal.valueOf(s.ended), 4, RoundingMode.HALF_UP);
            rows.add(new ConversationMetrics.Row(key.partnerId(), WireTime.format(key.bucket()),
                    WireTime.format(buckets.next(key.bucket())),
                    groupBy == null ? null : new ConversationMetrics.Group(groupBy, key.groupId(), s.groupName),
                    s.conversations, s.calls, s.chats, s.ended, s.contained, rate,
                    d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11]));
        });
        return rows;
    }

    /** A group a conversation belongs to. */
    record GroupKey(String id, String name) {
    }
}
