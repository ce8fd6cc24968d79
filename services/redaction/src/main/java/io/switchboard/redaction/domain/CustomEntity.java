package io.switchboard.redaction.domain;

import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A partner's own entity: a label (written in the mask, {@code ****LABEL****}) and either a regular
 * expression or a list of words and phrases (whole words, case-insensitive). Limits, checked when an admin
 * defines one: label 1–32 characters {@code [A-Z][A-Z0-9_]*} and not a built-in type; regex 1–512
 * characters that compiles and passes {@link #probe}; 1–1,000 words of 1–100 characters.
 */
public final class CustomEntity {
    public static final int MAX_LABEL = 32;
    public static final int MAX_REGEX = 512;
    public static final int MAX_WORDS = 1_000;
    public static final int MAX_WORD = 100;
    /** The score of a custom entity's match: the partner said so, but a pattern is not proof. */
    public static final double SCORE = 0.9;
    private static final Pattern LABEL = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    /**
     * Texts that make a backtracking pattern explode ({@code (a+)+$}, {@code (\w|\d)*x}, {@code (.*,)*z}): long
     * runs of one kind of character followed by something that fails the match.
     */
    private static final List<String> PROBES = List.of("a".repeat(4_000) + "!", "1".repeat(4_000) + "!",
            " ".repeat(4_000) + "!", "a1 ".repeat(1_300) + "!", "a,".repeat(2_000) + "!", "ab".repeat(2_000) + "\u0000");

    public enum Kind { REGEX, WORDS }

    private final String label;
    private final Kind kind;
    private final String regex;
    private final List<String> words;
    private final Pattern pattern;

    private CustomEntity(String label, Kind kind, String regex, List<String> words, Pattern pattern) {
        this.label = label;
        this.kind = kind;
        this.regex = regex;
        this.words = words;
        this.pattern = pattern;
    }

    /**
     * A definition from an admin: every rule above is checked, and a regex must pass {@link #probe}.
     * Exactly one of {@code regex} and {@code words}.
     */
    public static CustomEntity define(String label, String regex, List<String> words) {
        checkLabel(label);
        if ((regex == null) == (words == null)) {
            throw new InvalidCommandException(regex == null ? "regex" : "words", "give either a regex or words, not both or neither");
        }
        CustomEntity entity = regex != null ? regex(label, regex) : words(label, words);
        if (entity.kind == Kind.REGEX) {
            // A word list is one alternation of quoted literals: it cannot backtrack catastrophically.
            entity.probe();
        }
        return entity;
    }

    /** A stored definition (checked when it was defined): compiled, not probed again. */
    public static CustomEntity restore(String label, String regex, List<String> words) {
        return regex != null ? regex(label, regex) : words(label, words);
    }

    private static void checkLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new InvalidCommandException("label",
                    "label is 1-" + MAX_LABEL + " characters: upper-case letters, digits and '_', starting with a letter");
        }
        if (EntityTypes.isBuiltIn(label)) {
            throw new InvalidCommandException("label", "label " + label + " is a built-in entity type");
        }
    }

    private static CustomEntity regex(String label, String regex) {
        if (regex.isEmpty() || regex.length() > MAX_REGEX) {
            throw new InvalidCommandException("regex", "regex has 1-" + MAX_REGEX + " characters");
        }
        try {
            return new CustomEntity(label, Kind.REGEX, regex, null, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new InvalidCommandException("regex", "regex does not compile: " + e.getDescription());
        } catch (StackOverflowError e) {
            throw new InvalidCommandException("regex", "regex is nested too deeply");
        }
    }

    private static CustomEntity words(String label, List<String> words) {
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            throw new InvalidCommandException("words", "words has 1-" + MAX_WORDS + " entries");
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i) == null ? "" : words.get(i).strip().replaceAll("\\s+", " ");
            if (word.isEmpty() || word.length() > MAX_WORD) {
                throw new InvalidCommandException("words[" + i + "]", "each word has 1-" + MAX_WORD + " characters");
            }
            normalised.add(word.toLowerCase(Locale.ROOT));
        }
        List<String> kept = List.copyOf(normalised);
        // One alternation of quoted literals: no backtracking to speak of, longest phrase first so that
        // "john smith" wins over "john".
        List<String> longestFirst = new ArrayList<>(kept);
        longestFirst.sort((a, b) -> Integer.compare(b.length(), a.length()));
        StringBuilder alternation = new StringBuilder("(?<![\\p{L}\\p{N}_])(?:");
        for (int i = 0; i < longestFirst.size(); i++) {
            alternation.append(i == 0 ? "" : "|").append(Pattern.quote(longestFirst.get(i)).replace(" ", "\\E\\s+\\Q"));
        }
        alternation.append(")(?![\\p{L}\\p{N}_])");
        Pattern pattern = Pattern.compile(alternation.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new CustomEntity(label, Kind.WORDS, null, kept, pattern);
    }

    /**
     * The admission guard against catastrophic backtracking: the pattern is tried once at the start of texts
     * built to make a backtracking pattern explode (long runs of one kind of character, then one that fails
     * the match), under the match-time budget for that length; over it, the definition is refused. One attempt
     * per text measures what one match costs (exponential or high-polynomial patterns blow it at once) without
     * refusing an ordinary pattern for the quadratic cost of retrying it at every position of a 4,000-character
     * run. The match-time guard ({@link BoundedText}) still stops whatever this misses.
     */
    void probe() {
        for (String probe : PROBES) {
            try {
                pattern.matcher(BoundedText.of(probe, label)).lookingAt();
            } catch (RegexTooSlowException e) {
                throw new InvalidCommandException("regex",
                        "regex backtracks catastrophically (too many steps on a text of " + probe.length() + " characters)");
            } catch (StackOverflowError e) {
                throw new InvalidCommandException("regex", "regex recurses too deeply on long texts");
            }
        }
    }

    /** Every non-empty match in {@code text}, as entities of this label; {@link RegexTooSlowException} past the budget. */
    public void find(String text, List<Analysis.Entity> out) {
        Matcher m = pattern.matcher(BoundedText.of(text, label));
        while (m.find()) {
            if (m.end() > m.start()) {
                out.add(new Analysis.Entity(label, m.start(), m.end(), SCORE));
            }
        }
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** The regex, or null for a word list. */
    public String regex() {
        return regex;
    }

    /** The words (trimmed, lower-case, each once), or null for a regex. */
    public List<String> words() {
        return words;
    }

    @Override
    public String toString() {
        return "CustomEntity[" + label + ", " + (kind == Kind.REGEX ? "regex" : words.size() + " words") + "]";
    }
}
