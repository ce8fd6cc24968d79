package io.switchboard.redaction.detection.quality;

import io.switchboard.redaction.detection.Redactor;

/**
 * Prints the development split's errors and figures, for tuning (never the held-out split's):
 * {@code java -cp … io.switchboard.redaction.detection.quality.DevSetErrors [RULES|GAZETTEERS_ONLY]}.
 */
public final class DevSetErrors {
    private DevSetErrors() {
    }

    public static void main(String[] args) {
        Redactor.Design design = args.length > 0 ? Redactor.Design.valueOf(args[0]) : Redactor.Design.RULES;
        Redactor redactor = Redactor.create(design);
        PiiDevSet.Split split = PiiDevSet.split(PiiDevSet.load());
        SpanScorer scorer = QualityRun.score(redactor, split.development(), true);
        System.out.println(scorer.table("development split (" + split.development().size() + " sentences), " + design));
    }
}
