package io.switchboard.redaction.analysis;

import io.switchboard.redaction.domain.Analysis;
import io.switchboard.redaction.domain.Intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A message's intents among its partner's: the message and every example phrase are embedded
 * ({@link Embeddings}); an intent's confidence is the best cosine similarity between the message and one of its
 * phrases (negative similarities count as 0), and that phrase is the match's {@code phrase}. The three best
 * intents are the top matches; the best is the {@code topic} (with its confidence as {@code score}) only if its
 * confidence reaches {@link Settings#threshold()}, else there is no topic but the top matches are still listed.
 *
 * <p>Phrases are embedded once: per distinct intent list (the partner's, as the policy cache hands it out) the
 * phrase vectors are kept in a bounded LRU ({@link Settings#maxIntentSets()}); the key is the list's content,
 * so an admin's change — which drops the policy cache — makes a new key, and the old entry ages out. Phrases
 * themselves are also kept ({@link Settings#maxPhrases()}), so editing one intent of a hundred embeds only its
 * new phrases.
 *
 * <p>Plain Java, thread-safe; never logs a text or phrase.
 */
public final class IntentMatcher {
    /** Confidences are rounded to this many decimals. */
    private static final double ROUND = 1000.0;

    /**
     * @param threshold     the confidence a best match needs to become the topic
     * @param maxIntentSets distinct intent lists whose phrase vectors are kept
     * @param maxPhrases    phrase vectors kept across lists (384 floats, ≈ 1.6 KB each)
     */
    public record Settings(double threshold, int maxIntentSets, int maxPhrases) {
        public Settings {
            if (!(threshold >= 0 && threshold <= 1) || maxIntentSets < 1 || maxPhrases < 1) {
                throw new IllegalArgumentException("threshold in [0, 1], caches ≥ 1");
            }
        }
    }

    /** The top matches, best first, and the topic with its score (both null under the threshold). */
    public record Result(List<Analysis.TopMatch> topMatches, String topic, Double score) {
        static final Result NONE = new Result(List.of(), null, null);
    }

    private record EmbeddedIntent(String name, List<String> phrases, float[][] vectors) {
    }

    private final Function<String, float[]> embedder;
    private final Settings settings;
    private final Lru<List<Intent>, List<EmbeddedIntent>> intentSets;
    private final Lru<String, float[]> phrases;

    public IntentMatcher(Embeddings embeddings, Settings settings) {
        this(embeddings::embed, settings);
    }

    IntentMatcher(Function<String, float[]> embedder, Settings settings) {
        this.embedder = embedder;
        this.settings = settings;
        this.intentSets = new Lru<>(settings.maxIntentSets());
        this.phrases = new Lru<>(settings.maxPhrases());
    }

    public Result match(String text, List<Intent> intents) {
        if (intents.isEmpty() || text.isBlank()) {
            return Result.NONE;
        }
        List<EmbeddedIntent> embedded = embedded(intents);
        float[] message = embedder.apply(text);
        List<Analysis.TopMatch> matches = new ArrayList<>(embedded.size());
        for (EmbeddedIntent intent : embedded) {
            int best = -1;
            double bestSimilarity = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < intent.vectors().length; i++) {
                double similarity = Embeddings.cosine(message, intent.vectors()[i]);
                if (similarity > bestSimilarity) {
                    bestSimilarity = similarity;
                    best = i;
                }
            }
            double confidence = Math.round(Math.max(0, Math.min(1, bestSimilarity)) * ROUND) / ROUND;
            if (confidence > 0) {
                matches.add(new Analysis.TopMatch(intent.name(), confidence, intent.phrases().get(best)));
            }
        }
        matches.sort(Comparator.comparingDouble(Analysis.TopMatch::confidence).reversed());
        List<Analysis.TopMatch> top = List.copyOf(matches.subList(0, Math.min(Analysis.TOP_MATCHES, matches.size())));
        Analysis.TopMatch best = top.isEmpty() ? null : top.get(0);
        boolean topic = best != null && best.confidence() >= settings.threshold();
        return new Result(top, topic ? best.intent() : null, topic ? best.confidence() : null);
    }

    /** How many intent lists and phrases are cached (tests, bench). */
    public int[] cached() {
        return new int[] {intentSets.size(), phrases.size()};
    }

    private List<EmbeddedIntent> embedded(List<Intent> intents) {
        List<EmbeddedIntent> cached = intentSets.get(intents);
        if (cached != null) {
            return cached;
        }
        // Computed outside any lock: two threads may embed the same new list once each, never wrongly.
        List<EmbeddedIntent> embedded = new ArrayList<>(intents.size());
        for (Intent intent : intents) {
            float[][] vectors = new float[intent.phrases().size()][];
            for (int i = 0; i < vectors.length; i++) {
                String phrase = intent.phrases().get(i);
                float[] vector = phrases.get(phrase);
                if (vector == null) {
                    vector = embedder.apply(phrase);
                    phrases.put(phrase, vector);
                }
                vectors[i] = vector;
            }
            embedded.add(new EmbeddedIntent(intent.name(), intent.phrases(), vectors));
        }
        List<EmbeddedIntent> result = List.copyOf(embedded);
        intentSets.put(List.copyOf(intents), result);
        return result;
    }

    /** A small synchronised LRU map. */
    private static final class Lru<K, V> {
        private final Map<K, V> map;

        Lru(int max) {
            this.map = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                    return size() > max;
                }
            };
        }

        synchronized V get(K key) {
            return map.get(key);
        }

        synchronized void put(K key, V value) {
            map.put(key, value);
        }

        synchronized int size() {
            return map.size();
        }
    }
}
