package io.switchboard.redaction;

import io.switchboard.redaction.analysis.IntentMatcher;
import io.switchboard.redaction.analysis.LanguageDetection;
import io.switchboard.redaction.analysis.Sentiment;
import io.switchboard.redaction.detection.EntitySpan;
import io.switchboard.redaction.detection.RedactionPolicy;
import io.switchboard.redaction.detection.Redactor;
import io.switchboard.redaction.domain.Analysis;
import io.switchboard.redaction.domain.BasicAnalyzer;
import io.switchboard.redaction.domain.CustomEntity;
import io.switchboard.redaction.domain.MessageAnalyzer;
import io.switchboard.redaction.domain.PartnerPolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The analyzer the service runs: the detection package's {@link Redactor} finds the built-in types (names,
 * places, organisations, dates, times, money, emails, numbers, ids — services/redaction/README.md "Detection"),
 * the partner's custom entities are found by the domain's guarded {@link CustomEntity} (checked against
 * catastrophic patterns when the admin saved them), and the policy decides which of them are redacted and how
 * they are written. Then the analysis of the whole text: VADER sentiment ({@link Sentiment}), the language among
 * the partner's languages or the configured default set ({@link LanguageDetection}), and the partner's intents by
 * sentence embeddings ({@link IntentMatcher}). The raw text is analysed in memory only; nothing here logs it.
 */
public final class DetectingAnalyzer implements MessageAnalyzer {
    /** Every built-in type is looked for; the partner's policy filters afterwards, so one policy serves all. */
    private static final RedactionPolicy EVERY_TYPE = RedactionPolicy.builder()
            .maxTextLength(Analysis.MAX_TEXT_LENGTH).build();

    private final Redactor redactor;
    private final Sentiment sentiment;
    private final LanguageDetection languages;
    private final IntentMatcher intents;
    private final List<String> defaultLanguages;

    public DetectingAnalyzer(Redactor redactor, Sentiment sentiment, LanguageDetection languages, IntentMatcher intents,
                      List<String> defaultLanguages) {
        this.redactor = redactor;
        this.sentiment = sentiment;
        this.languages = languages;
        this.intents = intents;
        this.defaultLanguages = List.copyOf(defaultLanguages);
    }

    @Override
    public Analysis analyze(String text, String langHint, PartnerPolicy policy) {
        List<Analysis.Entity> candidates = new ArrayList<>();
        for (EntitySpan span : redactor.detect(text, EVERY_TYPE)) {
            candidates.add(new Analysis.Entity(span.type(), span.start(), span.end(), span.score()));
        }
        Set<String> custom = new HashSet<>();
        for (CustomEntity entity : policy.customEntities()) {
            entity.find(text, candidates);
            custom.add(entity.label());
        }
        List<Analysis.Entity> entities = BasicAnalyzer.resolve(
                candidates.stream().filter(e -> policy.redacts(e.type())).toList(), custom);
        List<String> partnerLanguages = policy.languages().isEmpty() ? defaultLanguages : policy.languages();
        IntentMatcher.Result matches = intents.match(text, policy.intents());
        return new Analysis(BasicAnalyzer.mask(text, entities, policy.maskStyle()), entities, sentiment.score(text),
                languages.detect(text, partnerLanguages, langHint), matches.topic(), matches.score(), matches.topMatches());
    }

    @Override
    public String toString() {
        return "DetectingAnalyzer[" + redactor + ", default languages " + defaultLanguages + "]";
    }
}
