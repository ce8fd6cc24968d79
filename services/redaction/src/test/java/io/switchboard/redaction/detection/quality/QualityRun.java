package io.switchboard.redaction.detection.quality;

import io.switchboard.redaction.detection.EntitySpan;
import io.switchboard.redaction.detection.RedactionPolicy;
import io.switchboard.redaction.detection.Redactor;
import io.switchboard.redaction.detection.quality.PiiDevSet.Gold;
import io.switchboard.redaction.detection.quality.PiiDevSet.Sample;

import java.util.List;

/** Runs a {@link Redactor} over samples and scores it ({@link SpanScorer}). */
public final class QualityRun {
    private QualityRun() {
    }

    public static SpanScorer score(Redactor redactor, List<Sample> samples) {
        return score(redactor, samples, false);
    }

    /** With {@code printErrors}, prints every sample with an error: gold and predicted spans with their text. */
    public static SpanScorer score(Redactor redactor, List<Sample> samples, boolean printErrors) {
        SpanScorer scorer = new SpanScorer();
        RedactionPolicy policy = RedactionPolicy.defaults();
        for (Sample s : samples) {
            List<EntitySpan> predicted = redactor.detect(s.text(), policy);
            boolean clean = scorer.add(s, predicted);
            if (printErrors && !clean) {
                StringBuilder b = new StringBuilder("--- #" + s.index() + " t" + s.templateId() + ": "
                        + s.text().replace("\n", "⏎") + "\n   gold:");
                for (Gold g : s.gold()) {
                    b.append(' ').append(g.type()).append('"').append(s.text(), g.start(), g.end()).append('"');
                }
                b.append("\n   pred:");
                for (EntitySpan p : predicted) {
                    b.append(' ').append(p.type()).append('"').append(s.text(), p.start(), p.end()).append('"')
                            .append(String.format("%.2f", p.score()));
                }
                System.out.println(b.toString().replace("\n ", "\n "));
            }
        }
        return scorer;
    }
}
