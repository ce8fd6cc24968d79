package io.switchboard.reporting.dataapi.analytics;

import io.switchboard.events.WireTime;
import io.switchboard.reporting.calls.CallMeasures;
import io.switchboard.reporting.lifecycle.Lifecycle;

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

/**
 * Adds conversations up per partner, bucket and group: one at a time, or totals SQL summed per bucket and group.
 * Durations are summed as whole milliseconds (the metrics have exactly three decimals), so a total is exactly the
 * sum of the per-call values the Manager API shows. Pure.
 */
final class MetricsTable {
    /** The call-segment metrics ({@link CallMeasures#METRICS}' order), then transfer time (per transfer). */
    private static final int METRICS = CallMeasures.METRICS.size() + 1;

    /**
     * Conversations added up: one conversation, or a group SQL summed. {@code counts[i]} conversations (transfers for
     * the last) had metric {@code i}, together {@code millis[i]} milliseconds.
     */
    record Totals(int calls, int chats, int ended, int contained, int abandoned, int transferred, int deflected,
                  int[] counts, long[] millis) {

        static Totals call(CallMeasures.Row call) {
            int[] counts = new int[METRICS];
            long[] millis = new long[METRICS];
            for (int i = 0; i < call.millis().length; i++) {
                if (call.millis()[i] != null) {
                    counts[i] = 1;
                    millis[i] = call.millis()[i];
                }
            }
            counts[METRICS - 1] = call.transferTimes();
            millis[METRICS - 1] = call.transferMillis();
            Lifecycle l = call.lifecycle();
            return new Totals(1, 0, l.containment() == Lifecycle.Containment.IN_PROGRESS ? 0 : 1, l.contained() ? 1 : 0,
                    l.abandoned() ? 1 : 0, l.transferred() ? 1 : 0, l.deflected() ? 1 : 0, counts, millis);
        }

        static Totals chat(Lifecycle l) {
            return new Totals(0, 1, l.containment() == Lifecycle.Containment.IN_PROGRESS ? 0 : 1, l.contained() ? 1 : 0,
                    l.abandoned() ? 1 : 0, l.transferred() ? 1 : 0, l.deflected() ? 1 : 0, new int[METRICS],
                    new long[METRICS]);
        }
    }

    private record Key(String partnerId, Instant bucket, String groupId) {
    }

    private static final class Sums {
        final String groupName;
        int calls;
        int chats;
        int ended;
        int contained;
        int abandoned;
        int transferred;
        int deflected;
        final int[] counts = new int[METRICS];
        final long[] millis = new long[METRICS];

        Sums(String groupName) {
            this.groupName = groupName;
        }

        void add(Totals t) {
            calls += t.calls();
            chats += t.chats();
            ended += t.ended();
            contained += t.contained();
            abandoned += t.abandoned();
            transferred += t.transferred();
            deflected += t.deflected();
            for (int i = 0; i < METRICS; i++) {
                counts[i] += t.counts()[i];
                millis[i] += t.millis()[i];
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

    /** Counts a conversation once in each of its groups (none: the group without an id). */
    void addConversation(String partner, Instant createdAt, Collection<GroupKey> groups, Totals conversation) {
        Instant bucket = buckets.start(createdAt);
        if (groups.isEmpty()) {
            addTotals(partner, bucket, null, conversation);
        }
        for (GroupKey g : groups) {
            addTotals(partner, bucket, g, conversation);
        }
    }

    /** Adds totals to a bucket (a bucket start) and group (null: the group without an id). */
    void addTotals(String partner, Instant bucket, GroupKey group, Totals totals) {
        Key key = new Key(partner, bucket, group == null ? null : group.id());
        sums.computeIfAbsent(key, k -> new Sums(group == null ? null : group.name())).add(totals);
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
                    s.calls + s.chats, s.calls, s.chats, s.ended, s.contained, rate, s.abandoned, s.transferred,
                    s.deflected,
                    d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11]));
        });
        return rows;
    }

    /** A group a conversation belongs to. */
    record GroupKey(String id, String name) {
    }
}
