package io.switchboard.reporting.projection;

import io.switchboard.events.EventEnvelope;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a batch into groups that can be applied concurrently, one transaction each: every event of a
 * stream (aggregate) lands in the same group, in batch order, so each aggregate's order is kept; the
 * projections converge whatever order different aggregates are applied in. Hashing streams rather than
 * taking the Kafka partitions gives even groups (a partition's share of a batch varies) and does not cap
 * the parallelism at the partition count.
 */
public final class StreamGroups {
    private StreamGroups() {
    }

    /** @return at most {@code groups} non-empty groups */
    public static List<List<EventEnvelope>> split(List<EventEnvelope> batch, int groups) {
        if (groups <= 1 || batch.size() < 2) {
            return batch.isEmpty() ? List.of() : List.of(batch);
        }
        List<List<EventEnvelope>> split = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            split.add(new ArrayList<>(batch.size() / groups + 16));
        }
        for (EventEnvelope e : batch) {
            int hash = (e.partnerId().hashCode() * 31 + e.aggregateType().hashCode()) * 31 + e.aggregateId().hashCode();
            split.get(Math.floorMod(hash, groups)).add(e);
        }
        split.removeIf(List::isEmpty);
        return split;
    }
}
