package io.switchboard.redaction.detection.quality;

import io.switchboard.redaction.detection.EntitySpan;
import io.switchboard.redaction.detection.EntityType;
import io.switchboard.redaction.detection.quality.PiiDevSet.Gold;
import io.switchboard.redaction.detection.quality.PiiDevSet.Sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Precision, recall and F2 per type and overall (micro-averaged), with a fuzzy span match: a prediction
 * and a gold span <em>match</em> when they have the same type and share at least one character.
 * <ul>
 *   <li>recall of a type = gold spans matched by at least one prediction ÷ gold spans;</li>
 *   <li>precision of a type = predictions matching at least one gold span ÷ predictions, leaving out the
 *       unmatched GPE, NUMERIC and ID predictions inside a street address (see {@link PiiDevSet});</li>
 *   <li>F2 = 5·P·R ÷ (4·P + R): recall weighs four times as much as precision.</li>
 * </ul>
 * A prediction of the wrong type is both a false positive (its type) and leaves a false negative.
 */
public final class SpanScorer {
    private static final Set<String> ADDRESS_PART_TYPES = Set.of("GPE", "NUMERIC", "ID");

    public static final class Counts {
        public int goldMatched;
        public int gold;
        public int predictedMatched;
        public int predicted;

        public double precision() {
            return predicted == 0 ? 1.0 : (double) predictedMatched / predicted;
        }

        public double recall() {
            return gold == 0 ? 1.0 : (double) goldMatched / gold;
        }

        public double f2() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
        }

        void add(Counts o) {
            goldMatched += o.goldMatched;
            gold += o.gold;
            predictedMatched += o.predictedMatched;
            predicted += o.predicted;
        }
    }

    private final Map<String, Counts> perType = new LinkedHashMap<>();

    public SpanScorer() {
        for (EntityType t : EntityType.values()) {
            perType.put(t.name(), new Counts());
        }
    }

    /** Scores one sample's predictions; returns true when it had no error. */
    public boolean add(Sample sample, List<EntitySpan> predicted) {
        boolean clean = true;
        for (Gold g : sample.gold()) {
            Counts c = perType.computeIfAbsent(g.type(), k -> new Counts());
            c.gold++;
            if (predicted.stream().anyMatch(p -> p.type().equals(g.type()) && p.overlaps(g.start(), g.end()))) {
                c.goldMatched++;
            } else {
                clean = false;
            }
        }
        for (EntitySpan p : predicted) {
            boolean matched = sample.gold().stream()
                    .anyMatch(g -> g.type().equals(p.type()) && p.overlaps(g.start(), g.end()));
            if (!matched && ADDRESS_PART_TYPES.contains(p.type())
                    && sample.ignoreRegions().stream().anyMatch(r -> p.overlaps(r[0], r[1]))) {
                continue;
            }
            Counts c = perType.computeIfAbsent(p.type(), k -> new Counts());
            c.predicted++;
            if (matched) {
                c.predictedMatched++;
            } else {
                clean = false;
            }
        }
        return clean;
    }

    public Map<String, Counts> perType() {
        return perType;
    }

    public Counts overall() {
        Counts all = new Counts();
        perType.values().forEach(all::add);
        return all;
    }

    /** One line per type and an overall line: P, R, F2 and the counts behind them. */
    public String table(String title) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s%n%-8s %6s %6s %6s %6s %6s%n", title, "type", "P", "R", "F2", "gold", "pred"));
        perType.forEach((type, c) -> {
            if (c.gold + c.predicted > 0) {
                b.append(String.format("%-8s %6.3f %6.3f %6.3f %6d %6d%n", type, c.precision(), c.recall(), c.f2(), c.gold, c.predicted));
            }
        });
        Counts all = overall();
        b.append(String.format("%-8s %6.3f %6.3f %6.3f %6d %6d%n", "overall", all.precision(), all.recall(), all.f2(), all.gold, all.predicted));
        b.append(String.format("overall F2 %.4f, NAME recall %.4f%n", all.f2(), perType.get("NAME").recall()));
        return b.toString();
    }
}
