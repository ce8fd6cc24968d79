package io.switchboard.redaction.detection.quality;

import io.switchboard.redaction.detection.Redactor;

/**
 * Prints the development split's errors and figures, for tuning (never the held-out split's):
 * {@code java -cp … io.switchboard.redaction.detection.quality.DevSetErrors [RULES|GAZETTEERS_ONLY|STATISTICAL|COMBINED]}
 * (default: the default design, COMBINED).
 */
public final class DevSetErrors {
    private DevSetErrors() {
    }

    public static void main(String[] args) {
        Redactor redactor = args.length > 0 ? Redactor.create(Redactor.Design.valueOf(args[0])) : Redactor.create();
        Redactor.Design design = redactor.design();
        PiiDevSet.Split split = PiiDevSet.split(PiiDevSet.load());
        SpanScorer scorer = QualityRun.score(redactor, split.development(), true);
        System.out.println(scorer.table("development split (" + split.development().size() + " sentences), " + design));
    }
}
