package io.switchboard.redaction.detection;

import java.util.List;

/** NAME, ORG and GPE from the trained {@link NameModel} alone (design C's proper nouns). */
final class StatisticalNameDetector implements Detector {
    private final NameModel model;
    private final double minScore;

    StatisticalNameDetector(NameModel model, double minScore) {
        this.model = model;
        this.minScore = minScore;
    }

    @Override
    public void detect(Text text, List<EntitySpan> out) {
        for (EntitySpan s : model.find(text)) {
            if (s.score() >= minScore) {
                out.add(s);
            }
        }
    }
}
