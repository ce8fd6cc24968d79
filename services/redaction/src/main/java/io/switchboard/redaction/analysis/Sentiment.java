package io.switchboard.redaction.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lexicon sentiment: VADER's compound score in [-1, 1] (Hutto and Gilbert, 2014), written here after the
 * reference implementation (vaderSentiment 3.3): each word's valence from VADER's lexicon (7,500 words, slang and
 * emoticons such as ":)" rated by people), boosters and dampeners within three words before it ("very", "kind of"),
 * negation within three words ("not", "never", any "n't", "no"), an ALL-CAPS word in a text that is not all caps,
 * the shift after "but" (before × 0.5, after × 1.5), "least", a few idioms, "!" and "?" amplification, and the
 * normalisation x / sqrt(x² + 15).
 *
 * <p>Why not the library that ships the lexicon ({@code com.github.apanimesh061:vader-sentiment-analyzer}, whose
 * jar we only read the MIT-licensed {@code vader_sentiment_lexicon.txt} from): it tokenises with Lucene 6, logs
 * with log4j 1.2 and carries a shaded commons-lang 2 — three stale libraries, one with known vulnerabilities, on
 * the classpath of a service that holds raw chat text — for about 200 lines of arithmetic. The dependency is
 * declared with every transitive dependency excluded and none of its classes is called.
 *
 * <p>Plain Java, immutable, thread-safe; the text is never logged or kept.
 */
public final class Sentiment {
    static final String LEXICON = "/vader_sentiment_lexicon.txt";
    private static final double B_INCR = 0.293;
    private static final double B_DECR = -0.293;
    private static final double C_INCR = 0.733;
    private static final double N_SCALAR = -0.74;
    private static final double ALPHA = 15;

    private static final Set<String> NEGATE = Set.of("aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt",
            "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt",
            "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't",
            "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh",
            "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    private static final Map<String, Double> BOOSTERS = boosters();
    /** Multi-word expressions whose valence replaces the words' own (VADER's special cases and idioms). */
    private static final Map<String, Double> SPECIAL = Map.ofEntries(
            Map.entry("the shit", 3.0), Map.entry("the bomb", 3.0), Map.entry("bad ass", 1.5), Map.entry("badass", 1.5),
            Map.entry("bus stop", 0.0), Map.entry("yeah right", -2.0), Map.entry("kiss of death", -1.5),
            Map.entry("to die for", 3.0), Map.entry("beating heart", 3.1), Map.entry("broken heart", -2.9),
            Map.entry("cut the mustard", 2.0), Map.entry("hand to mouth", -2.0), Map.entry("back handed", -2.0),
            Map.entry("blow smoke", -2.0), Map.entry("blowing smoke", -2.0), Map.entry("upper hand", 1.0),
            Map.entry("break a leg", 2.0), Map.entry("cooking with gas", 2.0), Map.entry("in the black", 2.0),
            Map.entry("in the red", -2.0), Map.entry("on the ball", 2.0), Map.entry("under the weather", -2.0));
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final Map<String, Double> lexicon;

    private Sentiment(Map<String, Double> lexicon) {
        this.lexicon = lexicon;
    }

    /** Reads VADER's lexicon from the classpath (≈ 7,500 entries, ≈ 1 MB of heap, tens of milliseconds). */
    public static Sentiment load() {
        try (InputStream in = Sentiment.class.getResourceAsStream(LEXICON)) {
            if (in == null) {
                throw new IllegalStateException(LEXICON + " is not on the classpath (vader-sentiment-analyzer's jar)");
            }
            Map<String, Double> lexicon = new HashMap<>(16_384);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] columns = line.split("\t", 3);
                if (columns.length >= 2 && !columns[0].isEmpty()) {
                    // Like the reference implementation, a later entry of the same token wins.
                    lexicon.put(columns[0].toLowerCase(Locale.ROOT), Double.parseDouble(columns[1]));
                }
            }
            return new Sentiment(Map.copyOf(lexicon));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** VADER's compound score of {@code text}: > 0 positive, < 0 negative, 0 neutral; four decimals. */
    public double score(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return 0;
        }
        List<String> lower = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        boolean capDifferential = capDifferential(words);
        double[] valences = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String w = lower.get(i);
            if (BOOSTERS.containsKey(w) || (w.equals("kind") && i + 1 < words.size() && lower.get(i + 1).equals("of"))) {
                continue;
            }
            valences[i] = valence(words, lower, i, capDifferential);
        }
        int but = lower.indexOf("but");
        if (but >= 0) {
            for (int i = 0; i < valences.length; i++) {
                valences[i] *= i < but ? 0.5 : i > but ? 1.5 : 1;
            }
        }
        double sum = 0;
        for (double v : valences) {
            sum += v;
        }
        double emphasis = punctuationEmphasis(text);
        sum += sum > 0 ? emphasis : sum < 0 ? -emphasis : 0;
        double compound = sum / Math.sqrt(sum * sum + ALPHA);
        compound = Math.max(-1, Math.min(1, compound));
        return Math.round(compound * 10_000) / 10_000.0;
    }

    private double valence(List<String> words, List<String> lower, int i, boolean capDifferential) {
        String w = lower.get(i);
        Double rated = lexicon.get(w);
        if (rated == null) {
            return 0;
        }
        double valence = rated;
        int n = words.size();
        // "no" before another rated word negates it rather than counting on its own ("no problem").
        if (w.equals("no") && i + 1 < n && lexicon.containsKey(lower.get(i + 1))) {
            valence = 0;
        }
        if ((i > 0 && lower.get(i - 1).equals("no")) || (i > 1 && lower.get(i - 2).equals("no"))
                || (i > 2 && lower.get(i - 3).equals("no") && (lower.get(i - 1).equals("or") || lower.get(i - 1).equals("nor")))) {
            valence = rated * N_SCALAR;
        }
        if (capDifferential && isUpper(words.get(i))) {
            valence += valence > 0 ? C_INCR : -C_INCR;
        }
        for (int back = 0; back < 3; back++) {
            if (i > back && !lexicon.containsKey(lower.get(i - back - 1))) {
                double scalar = booster(words.get(i - back - 1), lower.get(i - back - 1), valence, capDifferential);
                valence += back == 0 ? scalar : back == 1 ? scalar * 0.95 : scalar * 0.9;
                valence = negation(valence, lower, back, i);
                if (back == 2) {
                    valence = idioms(valence, lower, i);
                }
            }
        }
        return least(valence, lower, i);
    }

    private static double booster(String word, String lower, double valence, boolean capDifferential) {
        Double scalar = BOOSTERS.get(lower);
        if (scalar == null) {
            return 0;
        }
        double s = valence < 0 ? -scalar : scalar;
        if (capDifferential && isUpper(word)) {
            s += valence > 0 ? C_INCR : -C_INCR;
        }
        return s;
    }

    private static double negation(double valence, List<String> lower, int back, int i) {
        String w1 = lower.get(i - 1);
        if (back == 0) {
            return negated(w1) ? valence * N_SCALAR : valence;
        }
        String w2 = lower.get(i - 2);
        if (back == 1) {
            if (w2.equals("never") && (w1.equals("so") || w1.equals("this"))) {
                return valence * 1.25;
            }
            if (w2.equals("without") && w1.equals("doubt")) {
                return valence;
            }
            return negated(w2) ? valence * N_SCALAR : valence;
        }
        String w3 = lower.get(i - 3);
        if (w3.equals("never") && (w2.equals("so") || w2.equals("this") || w1.equals("so") || w1.equals("this"))) {
            return valence * 1.25;
        }
        if (w3.equals("without") && (w2.equals("doubt") || w1.equals("doubt"))) {
            return valence;
        }
        return negated(w3) ? valence * N_SCALAR : valence;
    }

    private static boolean negated(String lower) {
        return NEGATE.contains(lower) || lower.contains("n't");
    }

    /** "the least helpful" negates; "at least" and "very least" do not. */
    private double least(double valence, List<String> lower, int i) {
        if (i > 0 && lower.get(i - 1).equals("least") && !lexicon.containsKey("least")) {
            if (i == 1 || !(lower.get(i - 2).equals("at") || lower.get(i - 2).equals("very"))) {
                return valence * N_SCALAR;
            }
        }
        return valence;
    }

    /** The multi-word expressions ending at, or starting at, word {@code i}: their valence replaces the word's. */
    private static double idioms(double valence, List<String> lower, int i) {
        String w0 = lower.get(i), w1 = lower.get(i - 1), w2 = lower.get(i - 2), w3 = lower.get(i - 3);
        List<String> around = new ArrayList<>(List.of(w1 + " " + w0, w2 + " " + w1 + " " + w0, w2 + " " + w1,
                w3 + " " + w2 + " " + w1, w3 + " " + w2));
        if (i + 1 < lower.size()) {
            around.add(w0 + " " + lower.get(i + 1));
        }
        if (i + 2 < lower.size()) {
            around.add(w0 + " " + lower.get(i + 1) + " " + lower.get(i + 2));
        }
        for (String sequence : around) {
            Double special = SPECIAL.get(sequence);
            if (special != null) {
                return special;
            }
        }
        // A two-word dampener just before ("kind of", "sort of") lowers the word like a one-word one.
        if (BOOSTERS.containsKey(w2 + " " + w1) || BOOSTERS.containsKey(w3 + " " + w2)) {
            return valence + B_DECR;
        }
        return valence;
    }

    private static double punctuationEmphasis(String text) {
        int exclamations = 0, questions = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
        double amplifier = Math.min(exclamations, 4) * 0.292;
        if (questions > 1) {
            amplifier += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return amplifier;
    }

    /** Whitespace tokens; punctuation is stripped from a token's ends unless that leaves ≤ 2 characters (":)"). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String token = text.substring(start, i);
                String stripped = strip(token);
                words.add(stripped.length() <= 2 ? token : stripped);
            }
        }
        return words;
    }

    private static String strip(String token) {
        int s = 0, e = token.length();
        while (s < e && PUNCTUATION.indexOf(token.charAt(s)) >= 0) {
            s++;
        }
        while (e > s && PUNCTUATION.indexOf(token.charAt(e - 1)) >= 0) {
            e--;
        }
        return token.substring(s, e);
    }

    /** Some words, not all, in capitals: then a capitalised word is emphasis. */
    private static boolean capDifferential(List<String> words) {
        int upper = 0;
        for (String w : words) {
            if (isUpper(w)) {
                upper++;
            }
        }
        return upper > 0 && upper < words.size();
    }

    /** Python's {@code str.isupper()}, but a single letter ("I", "A") is never emphasis. */
    private static boolean isUpper(String word) {
        int letters = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            if (Character.isUpperCase(c)) {
                letters++;
            }
        }
        return letters > 1;
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> b = new HashMap<>();
        for (String w : List.of("absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
                "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
                "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking",
                "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging",
                "greatly", "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly",
                "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
                "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually",
                "utter", "utterly", "very")) {
            b.put(w, B_INCR);
        }
        for (String w : List.of("almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of",
                "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce",
                "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of")) {
            b.put(w, B_DECR);
        }
        return Map.copyOf(b);
    }
}
