package io.switchboard.redaction.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The placeholder analyzer: what it finds, how the policy shapes its answer, and that it never fails silently. */
class BasicAnalyzerTest {
    private final BasicAnalyzer analyzer = new BasicAnalyzer();

    @Test
    void emailsMoneyAndDigitRunsAreRedactedWithOffsetsIntoTheOriginal() {
        String text = "write to jo.doe+x@mail.example.co.uk, I paid $1,250.50 or 30 EUR; call +1 (555) 010-4477 or 555-0100";
        Analysis a = analyzer.analyze(text, null, PartnerPolicy.defaults());
        assertThat(a.redactedText()).isEqualTo(
                "write to ****EMAIL****, I paid ****MONEY**** or ****MONEY****; call +1 (555) ****NUMERIC**** or ****NUMERIC****");
        for (Analysis.Entity e : a.entities()) {
            assertThat(e.score()).isBetween(0.0, 1.0);
            assertThat(text.substring(e.start(), e.end())).isNotBlank();
        }
        assertThat(a.entities()).extracting(Analysis.Entity::type).containsExactly("EMAIL", "MONEY", "MONEY", "NUMERIC", "NUMERIC");
        assertThat(text.substring(a.entities().get(0).start(), a.entities().get(0).end())).isEqualTo("jo.doe+x@mail.example.co.uk");
    }

    @Test
    void shortNumbersAndPlainWordsStay() {
        Analysis a = analyzer.analyze("I have 2 kids and 123 problems in 2026", null, PartnerPolicy.defaults());
        assertThat(a.redactedText()).isEqualTo("I have 2 kids and 123 problems in ****NUMERIC****");
        assertThat(a.sentiment()).isZero();
        assertThat(a.lang()).isEqualTo("en");
        assertThat(a.topic()).isNull();
        assertThat(a.topMatches()).isEmpty();
    }

    @Test
    void thePolicyChoosesTypesAndMaskAndCustomEntitiesWinTheirSpans() {
        PartnerPolicy policy = new PartnerPolicy(Set.of("EMAIL"), MaskStyle.SAME_LENGTH,
                List.of(CustomEntity.define("ACCOUNT", "AC-[0-9]{6}", null), CustomEntity.define("VIP", null, List.of("Mr Big"))),
                List.of());
        String text = "AC-123456 for mr  big at a@b.example, 5551234";
        Analysis a = analyzer.analyze(text, "fr", policy);
        assertThat(a.redactedText()).isEqualTo("********* for ******* at ***********, 5551234");
        assertThat(a.redactedText()).hasSameSizeAs(text);
        assertThat(a.entities()).extracting(Analysis.Entity::type).containsExactly("ACCOUNT", "VIP", "EMAIL");
        assertThat(a.lang()).isEqualTo("fr");
    }

    @Test
    void intentsAreRankedByWordOverlapWithTheirClosestPhrase() {
        PartnerPolicy policy = new PartnerPolicy(Set.of(), MaskStyle.LABEL, List.of(), List.of(
                new Intent("refund", List.of("I want my money back", "refund please")),
                new Intent("delivery", List.of("where is my parcel")),
                new Intent("greeting", List.of("hello there")),
                new Intent("unrelated", List.of("quantum chromodynamics"))));
        Analysis a = analyzer.analyze("hello, where is my money? I want it back", null, policy);
        assertThat(a.topMatches()).hasSize(3);
        assertThat(a.topic()).isEqualTo("refund");
        assertThat(a.topMatches().get(0).phrase()).isEqualTo("I want my money back");
        assertThat(a.score()).isEqualTo(a.topMatches().get(0).confidence());
        assertThat(a.topMatches()).extracting(Analysis.TopMatch::intent).doesNotContain("unrelated");
    }

    @Test
    void aRunawayCustomRegexStopsWithItsLabelAndNotTheText() {
        CustomEntity evil = CustomEntity.restore("EVIL", "(x+x+)+y", null);
        PartnerPolicy policy = new PartnerPolicy(Set.of(), MaskStyle.LABEL, List.of(evil), List.of());
        String secret = "x".repeat(5_000);
        try {
            analyzer.analyze(secret, null, policy);
            throw new AssertionError("expected the step budget to stop the regex");
        } catch (RegexTooSlowException | StackOverflowError e) {
            assertThat(String.valueOf(e.getMessage())).doesNotContain("xxxx");
        }
    }

    @Test
    void aFullyMaskedAnalysisKeepsNothingOfTheText() {
        Analysis a = Analysis.fullyMasked(42, "en", MaskStyle.LABEL);
        assertThat(a.redactedText()).isEqualTo("****REDACTED****");
        assertThat(a.entities()).containsExactly(new Analysis.Entity("REDACTED", 0, 42, 1.0));
        assertThat(a.toString()).doesNotContain("****");
    }
}
