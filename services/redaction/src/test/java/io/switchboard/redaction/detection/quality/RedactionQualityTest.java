package io.switchboard.redaction.detection.quality;

import io.switchboard.redaction.detection.Redactor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection quality of the default design (A+C: rules and the trained name model) on the held-out 30 % of
 * pii-dev (templates never used for tuning, nor for training: the name model never saw pii-dev), with
 * the fuzzy span match of {@link SpanScorer}; prints the per-type table. The targets are F2 ≥ 0.90
 * overall and NAME recall ≥ 0.90; the floors below sit just under the figures measured when the default
 * became A+C (services/redaction/README.md#detection), so that a regression fails the build.
 */
class RedactionQualityTest {
    /** Just under the figures measured with design A+C (overall F2 0.9046, NAME recall 0.9276). */
    static final double FLOOR_F2 = 0.900;
    static final double FLOOR_NAME_RECALL = 0.920;

    private static SpanScorer scorer;

    @BeforeAll
    static void score() {
        PiiDevSet.Split split = PiiDevSet.split(PiiDevSet.load());
        assertThat(split.heldOut()).hasSizeBetween(440, 460);
        assertThat(split.development().stream().map(PiiDevSet.Sample::templateId))
                .doesNotContainAnyElementsOf(split.heldOut().stream().map(PiiDevSet.Sample::templateId).toList());
        Redactor redactor = Redactor.create();
        assertThat(redactor.design()).isEqualTo(Redactor.Design.COMBINED);
        scorer = QualityRun.score(redactor, split.heldOut());
        System.out.println(scorer.table("held-out split (" + split.heldOut().size() + " sentences), " + redactor.design()));
    }

    @Test
    void heldOutSplitStaysAboveItsFloors() {
        assertThat(scorer.overall().f2()).as("overall F2").isGreaterThanOrEqualTo(FLOOR_F2);
        assertThat(scorer.perType().get("NAME").recall()).as("NAME recall").isGreaterThanOrEqualTo(FLOOR_NAME_RECALL);
    }
}
