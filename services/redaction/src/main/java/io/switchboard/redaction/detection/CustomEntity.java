package io.switchboard.redaction.detection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A partner's own entity: a label (written in the mask, {@code ****LABEL****}) and either a regular
 * expression or a list of words and phrases (matched whole-word, case-insensitively). Bounded: a label of
 * 1–32 characters {@code [A-Z0-9_]}, a regex of at most {@value #MAX_REGEX_LENGTH} characters, at most
 * {@value #MAX_WORDS} words of at most {@value #MAX_WORD_LENGTH} characters each.
 */
public final class CustomEntity {
    public static final int MAX_REGEX_LENGTH = 512;
    public static final int MAX_WORDS = 10_000;
    public static final int MAX_WORD_LENGTH = 100;
    private static final Pattern LABEL = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private final String label;
    private final Pattern pattern;
    private final Set<String> words;
    private final double score;

    private CustomEntity(String label, Pattern pattern, Set<String> words, double score) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a custom entity's label is 1-32 characters [A-Z0-9_], starting with a letter");
        }
        if (!(score > 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in (0, 1]");
        }
        this.label = label;
        this.pattern = pattern;
        this.words = words;
        this.score = score;
    }

    /** Every match of {@code regex} is an entity (a match of length zero is ignored). */
    public static CustomEntity regex(String label, String regex) {
        return regex(label, regex, 0.9);
    }

    public static CustomEntity regex(String label, String regex, double score) {
        if (regex == null || regex.isEmpty() || regex.length() > MAX_REGEX_LENGTH) {
            throw new IllegalArgumentException("a custom entity's regex has 1-" + MAX_REGEX_LENGTH + " characters");
        }
        try {
            return new CustomEntity(label, Pattern.compile(regex), null, score);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex for custom entity " + label + ": " + e.getDescription());
        }
    }

    /** Each word or phrase of {@code words}, whole-word and case-insensitive, is an entity. */
    public static CustomEntity words(String label, List<String> words) {
        return words(label, words, 0.9);
    }

    public static CustomEntity words(String label, List<String> words, double score) {
        if (words == null || words.isEmpty() || words.size() > MAX_WORDS) {
            throw new IllegalArgumentException("a custom entity's word list has 1-" + MAX_WORDS + " entries");
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String word : words) {
            String w = word == null ? "" : word.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (w.isEmpty() || w.length() > MAX_WORD_LENGTH) {
                throw new IllegalArgumentException("a custom entity's words have 1-" + MAX_WORD_LENGTH + " characters");
            }
            normalised.add(w);
        }
        return new CustomEntity(label, null, Set.copyOf(normalised), score);
    }

    public String label() {
        return label;
    }

    public double score() {
        return score;
    }

    Pattern pattern() {
        return pattern;
    }

    Set<String> words() {
        return words;
    }

    @Override
    public String toString() {
        return "CustomEntity[" + label + (pattern != null ? ", regex" : ", " + words.size() + " words") + "]";
    }
}
