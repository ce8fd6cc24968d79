package io.switchboard.redaction.analysis;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The language of a message among its partner's languages (lingua, n-gram models, restricted to that set — the
 * fewer the candidates, the better short texts are told apart).
 *
 * <p>A text with fewer than {@link Settings#minimumLetters()} letters ("ok", "ja", "merci": lingua calls "ok"
 * Dutch and "bye" French, confidently), one lingua cannot place ({@code UNKNOWN}) or places with a small lead —
 * the second language's relative confidence within {@link Settings#minimumGap()} of the first's — is too short
 * to tell: then the chat's hint if it is one of the partner's languages, else the partner's first language.
 *
 * <p>One detector per distinct language set, kept in a bounded LRU ({@link Settings#maxDetectors()}); lingua's
 * language models themselves are loaded once per language and shared by every detector (static in lingua), so
 * a detector is cheap and memory grows with the number of distinct languages in use, not of partners. In high
 * accuracy mode a language costs ≈ 28 MB of heap (all five n-gram models), in low accuracy mode ≈ 3 MB
 * (trigrams only); models load lazily on first use, the default set at start ({@link #preload}).
 *
 * <p>Plain Java, thread-safe; never logs the text.
 */
public final class LanguageDetection {
    /** @param lowAccuracy lingua's low accuracy mode; @param minimumGap, minimumLetters see the class comment */
    public record Settings(boolean lowAccuracy, double minimumGap, int minimumLetters, int maxDetectors) {
        public Settings {
            if (!(minimumGap >= 0 && minimumGap < 1) || minimumLetters < 1 || maxDetectors < 1) {
                throw new IllegalArgumentException("minimumGap in [0, 1), minimumLetters ≥ 1, maxDetectors ≥ 1");
            }
        }
    }

    private final Settings settings;
    private final Map<Set<Language>, LanguageDetector> detectors;

    public LanguageDetection(Settings settings) {
        this.settings = settings;
        this.detectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Set<Language>, LanguageDetector> eldest) {
                return size() > settings.maxDetectors();
            }
        };
    }

    /** Builds the detector of {@code languages} and loads their models now rather than on the first message. */
    public void preload(List<String> languages) {
        Set<Language> set = languages(languages);
        if (set.size() > 1) {
            LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(set.toArray(Language[]::new))
                    .withPreloadedLanguageModels();
            if (settings.lowAccuracy()) {
                builder = builder.withLowAccuracyMode();
            }
            synchronized (detectors) {
                detectors.put(set, builder.build());
            }
        }
    }

    /**
     * @param languages the partner's languages, ISO 639-1, non-empty, the first being the fallback
     * @param hint      the chat's language or the caller's hint; may be null
     * @return one of {@code languages}
     */
    public String detect(String text, List<String> languages, String hint) {
        String fallback = hint != null && languages.contains(hint.toLowerCase(Locale.ROOT))
                ? hint.toLowerCase(Locale.ROOT) : languages.get(0);
        if (languages.size() == 1 || !hasLetters(text, settings.minimumLetters())) {
            return fallback;
        }
        Map<Language, Double> confidences = detector(languages(languages)).computeLanguageConfidenceValues(text);
        Iterator<Map.Entry<Language, Double>> ranked = confidences.entrySet().iterator();
        if (!ranked.hasNext()) {
            return fallback;
        }
        Map.Entry<Language, Double> first = ranked.next();
        double second = ranked.hasNext() ? ranked.next().getValue() : 0;
        if (first.getKey() == Language.UNKNOWN || first.getValue() - second < settings.minimumGap()) {
            return fallback;
        }
        return first.getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    /** How many detectors are cached (for tests and the bench). */
    public int cachedDetectors() {
        synchronized (detectors) {
            return detectors.size();
        }
    }

    private LanguageDetector detector(Set<Language> set) {
        synchronized (detectors) {
            LanguageDetector detector = detectors.get(set);
            if (detector == null) {
                LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(set.toArray(Language[]::new));
                if (settings.lowAccuracy()) {
                    builder = builder.withLowAccuracyMode();
                }
                detector = builder.build();
                detectors.put(set, detector);
            }
            return detector;
        }
    }

    private static Set<Language> languages(List<String> codes) {
        Set<Language> set = EnumSet.noneOf(Language.class);
        for (String code : codes) {
            set.add(Language.getByIsoCode639_1(IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT))));
        }
        return set;
    }

    private static boolean hasLetters(String text, int minimum) {
        int letters = 0;
        for (int i = 0; i < text.length() && letters < minimum; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        return letters >= minimum;
    }
}
