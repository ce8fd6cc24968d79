package io.switchboard.redaction.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Makes the detectors' proposals disjoint, deterministically: the higher score first, then the longer span, then the earlier start, then the type label; each span is kept
 * unless it overlaps one kept before it. The result is in text order.
 */
final class SpanResolver {
    private SpanResolver() {
    }

    static List<EntitySpan> resolve(List<EntitySpan> candidates) {
        List<EntitySpan> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(EntitySpan::score).reversed()
                .thenComparing(Comparator.comparingInt(EntitySpan::length).reversed())
                .thenComparingInt(EntitySpan::start)
                .thenComparing(EntitySpan::type));
        List<EntitySpan> kept = new ArrayList<>();
        for (EntitySpan s : sorted) {
            boolean free = true;
            for (EntitySpan k : kept) {
                if (k.overlaps(s)) {
                    free = false;
                    break;
                }
            }
            if (free) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparingInt(EntitySpan::start));
        return kept;
    }
}
