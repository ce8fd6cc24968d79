package io.switchboard.redaction;

import io.switchboard.redaction.analysis.IntentMatcher;
import io.switchboard.redaction.analysis.LanguageDetection;
import io.switchboard.redaction.analysis.Embeddings;
import io.switchboard.redaction.analysis.Sentiment;
import io.switchboard.redaction.detection.Redactor;
import io.switchboard.redaction.domain.Languages;
import io.switchboard.redaction.domain.MessageAnalyzer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The one place that decides which {@link MessageAnalyzer} the service runs (pipeline and analyze endpoint).
 *
 * <p>{@link DetectingAnalyzer}, built once here: the detection package's {@link Redactor} (gazetteers and name
 * model), VADER's lexicon, lingua with the default languages' models preloaded, and the embedding model — all
 * loaded at creation, which {@link Startup} moves to the service's start, so the first message does not wait
 * for them (≈ 10–30 s).
 */
@ApplicationScoped
public class AnalyzerProducer {
    @Produces
    @Singleton
    @Startup
    MessageAnalyzer analyzer(RedactionConfig config) {
        RedactionConfig.Language language = config.language();
        List<String> defaults = Languages.configured("switchboard.redaction.language.default-languages",
                language.defaultLanguages());
        LanguageDetection detection = new LanguageDetection(new LanguageDetection.Settings(
                language.lowAccuracy(), language.minimumGap(), language.minimumLetters(), language.maxDetectors()));
        detection.preload(defaults);
        RedactionConfig.Intents intents = config.intents();
        IntentMatcher matcher = new IntentMatcher(Embeddings.load(intents.onnxThreads()),
                new IntentMatcher.Settings(intents.threshold(), intents.maxIntentSets(), intents.maxPhrases()));
        return new DetectingAnalyzer(Redactor.create(), Sentiment.load(), detection, matcher, defaults);
    }
}
