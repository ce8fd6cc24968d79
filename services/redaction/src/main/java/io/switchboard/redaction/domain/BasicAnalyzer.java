package io.switchboard.redaction.domain;

import io.switchboard.eventstore.decider.FieldChecks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PLACEHOLDER analyzer, to be replaced by the detection branch ({@code io.switchboard.redaction.detection.Redactor}
 * behind this same {@link MessageAnalyzer} seam; see {@code AnalyzerProducer} and the service README).
 * It exists so that the pipeline, the API and their tests run end to end before the real detection lands,
 * and it is deliberately simple:
 * <ul>
 *   <li>entities: {@code EMAIL} (an address pattern), {@code MONEY} (a currency symbol or code with an amount),
 *       {@code NUMERIC} (four or more digits, single spaces, dots or dashes between them allowed: phone, card,
 *       account numbers) and the partner's custom entities — no names, places, organisations, dates or ids;</li>
 *   <li>sentiment 0 (neutral) for every text; language the hint if it is an ISO-639 code, else {@code en};</li>
 *   <li>intents by word overlap (Jaccard of the lower-case words of the text and of each example phrase), the
 *       crudest stand-in for sentence embeddings, so that topics flow through the pipeline.</li>
 * </ul>
 */
public final class BasicAnalyzer implements MessageAnalyzer {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}");
    private static final Pattern MONEY = Pattern.compile(
            "(?:[$€£¥]\\s?\\d[\\d,]*(?:\\.\\d+)?|(?:USD|EUR|GBP)\\s?\\d[\\d,]*(?:\\.\\d+)?"
                    + "|\\d[\\d,]*(?:\\.\\d+)?\\s?(?:USD|EUR|GBP|dollars?|euros?|pounds?|bucks)\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC = Pattern.compile("(?<!\\d)\\+?\\d(?:[ .-]?\\d){3,}(?!\\d)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final double EMAIL_SCORE = 0.95;
    private static final double MONEY_SCORE = 0.85;
    private static final double NUMERIC_SCORE = 0.8;

    @Override
    public Analysis analyze(String text, String langHint, PartnerPolicy policy) {
        List<Analysis.Entity> candidates = new ArrayList<>();
        find(EMAIL, EntityTypes.EMAIL, EMAIL_SCORE, text, candidates);
        find(MONEY, EntityTypes.MONEY, MONEY_SCORE, text, candidates);
        find(NUMERIC, EntityTypes.NUMERIC, NUMERIC_SCORE, text, candidates);
        Set<String> custom = new HashSet<>();
        for (CustomEntity entity : policy.customEntities()) {
            entity.find(text, candidates);
            custom.add(entity.label());
        }
        List<Analysis.Entity> entities = resolve(candidates.stream().filter(e -> policy.redacts(e.type())).toList(), custom);
        String lang = language(langHint);
        List<Analysis.TopMatch> matches = intents(text, policy.intents());
        Analysis.TopMatch best = matches.isEmpty() ? null : matches.get(0);
        return new Analysis(mask(text, entities, policy.maskStyle()), entities, 0, lang,
                best == null ? null : best.intent(), best == null ? null : best.confidence(), matches);
    }

    private static void find(Pattern pattern, String type, double score, String text, List<Analysis.Entity> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(new Analysis.Entity(type, m.start(), m.end(), score));
        }
    }

    /**
     * Disjoint spans in text order: the earliest start wins, then the longest, then a custom entity (the
     * partner's word) over a built-in type; an email beats the digits inside it because it starts earlier or
     * is longer.
     */
    public static List<Analysis.Entity> resolve(List<Analysis.Entity> candidates, Set<String> custom) {
        List<Analysis.Entity> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt(Analysis.Entity::start)
                .thenComparing(Comparator.comparingInt((Analysis.Entity e) -> e.end() - e.start()).reversed())
                .thenComparing(e -> custom.contains(e.type()) ? 0 : 1));
        List<Analysis.Entity> kept = new ArrayList<>();
        int end = 0;
        for (Analysis.Entity e : sorted) {
            if (e.start() >= end) {
                kept.add(e);
                end = e.end();
            }
        }
        return kept;
    }

    /** The text with each entity replaced by its mask. */
    public static String mask(String text, List<Analysis.Entity> entities, MaskStyle style) {
        StringBuilder out = new StringBuilder(text.length() + entities.size() * 12);
        int at = 0;
        for (Analysis.Entity e : entities) {
            out.append(text, at, e.start()).append(style.mask(e.type(), e.end() - e.start()));
            at = e.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The chat's language if the hint is an ISO-639 code, else {@code en}. */
    public static String language(String langHint) {
        return langHint != null && FieldChecks.isLanguage(langHint) ? langHint.toLowerCase(Locale.ROOT) : "en";
    }

    /** The partner's intents whose example phrases share words with the text, best first, at most three. */
    public static List<Analysis.TopMatch> intents(String text, List<Intent> intents) {
        if (intents.isEmpty()) {
            return List.of();
        }
        Set<String> words = words(text);
        List<Analysis.TopMatch> matches = new ArrayList<>();
        for (Intent intent : intents) {
            Analysis.TopMatch best = null;
            for (String phrase : intent.phrases()) {
                double similarity = jaccard(words, words(phrase));
                if (similarity > 0 && (best == null || similarity > best.confidence())) {
                    best = new Analysis.TopMatch(intent.name(), Math.round(similarity * 1000) / 1000.0, phrase);
                }
            }
            if (best != null) {
                matches.add(best);
            }
        }
        matches.sort(Comparator.comparingDouble(Analysis.TopMatch::confidence).reversed());
        return matches.size() > Analysis.TOP_MATCHES ? matches.subList(0, Analysis.TOP_MATCHES) : matches;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String w : a) {
            if (b.contains(w)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
