package io.switchboard.redaction.detection;

import io.switchboard.redaction.detection.Text.Token;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.MaxentModel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The statistical name finder (design C): a maximum-entropy tagger (Apache OpenNLP's GIS trainer, the
 * model NameFinderME uses) over BIO tags for NAME, ORG and GPE, with {@link NameFeatures}, decoded by a
 * beam search that only lets I-X follow B-X or I-X. It is trained on sentences we generate
 * ({@code NameModelTrainer} and {@code NameTrainingSentences} in the test sources: support-chat, e-mail
 * and narrative templates filled from datafaker's names, companies and places and from made-up names the
 * gazetteers lack), never on pii-dev; the result is the resource {@code name-model.bin.gz}. Thread-safe
 * and shared ({@link #shared()}).
 */
final class NameModel {
    static final String RESOURCE = "name-model.bin.gz";
    private static final int BEAM = 3;
    private static volatile NameModel shared;

    private final NameFeatures features;
    private final String[] tagOfOutcome;
    /**
     * The model's weights, one dense row per feature (the outcomes' parameters): the features that don't
     * depend on the tags before a token are summed once per token, not once per beam hypothesis as
     * {@link MaxentModel#eval} would. Probabilities are the same as the model's (a softmax of the sums; GIS
     * models have a uniform prior).
     */
    private final Map<String, float[]> weights;

    NameModel(MaxentModel model, Gazetteers g) {
        this.features = new NameFeatures(g);
        int outcomes = model.getNumOutcomes();
        this.tagOfOutcome = new String[outcomes];
        for (int k = 0; k < outcomes; k++) {
            tagOfOutcome[k] = model.getOutcome(k);
        }
        Object[] data = ((AbstractModel) model).getDataStructures();
        Context[] params = (Context[]) data[0];
        Map<?, ?> predicates = (Map<?, ?>) data[1];
        this.weights = new HashMap<>(predicates.size() * 4 / 3 + 1);
        for (Map.Entry<?, ?> e : predicates.entrySet()) {
            Context c = e.getValue() instanceof Context context ? context : params[(Integer) e.getValue()];
            float[] row = new float[outcomes];
            int[] o = c.getOutcomes();
            double[] p = c.getParameters();
            for (int k = 0; k < o.length; k++) {
                row[o[k]] = (float) p[k];
            }
            weights.put((String) e.getKey(), row);
        }
    }

    int featureCount() {
        return weights.size();
    }

    private void add(double[] sums, String feature) {
        float[] row = weights.get(feature);
        if (row != null) {
            for (int o = 0; o < row.length; o++) {
                sums[o] += row[o];
            }
        }
    }

    /** The outcome probabilities for these features (as {@link MaxentModel#eval} gives them). */
    double[] probabilities(String[] featureStrings) {
        double[] sums = new double[tagOfOutcome.length];
        for (String f : featureStrings) {
            add(sums, f);
        }
        return softmax(sums);
    }

    private static double[] softmax(double[] sums) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : sums) {
            max = Math.max(max, v);
        }
        double total = 0;
        for (int o = 0; o < sums.length; o++) {
            sums[o] = Math.exp(sums[o] - max);
            total += sums[o];
        }
        for (int o = 0; o < sums.length; o++) {
            sums[o] /= total;
        }
        return sums;
    }

    static NameModel shared() {
        NameModel m = shared;
        if (m == null) {
            synchronized (NameModel.class) {
                m = shared;
                if (m == null) {
                    m = new NameModel(read(NameModel.class.getResourceAsStream(RESOURCE)), Gazetteers.shared());
                    shared = m;
                }
            }
        }
        return m;
    }

    static MaxentModel read(InputStream gzipped) {
        if (gzipped == null) {
            throw new IllegalStateException("resource " + RESOURCE + " is missing");
        }
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(gzipped, 65_536), 65_536)) {
            return new GenericModelReader(new BinaryFileDataReader(in)).getModel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    NameFeatures features() {
        return features;
    }

    /** One decoded token: its tag and the probability the model gave it. */
    record Tagged(String tag, double probability) {
    }

    private record Hypothesis(Hypothesis previous, String tag, double probability, double logScore) {
        String tag(int back) {
            Hypothesis h = this;
            for (int k = 0; k < back && h != null; k++) {
                h = h.previous;
            }
            return h == null ? NameFeatures.START : h.tag;
        }
    }

    /** The best tag sequence for the text's tokens. */
    List<Tagged> tag(Text text) {
        NameFeatures.Prepared p = features.prepare(text);
        List<Hypothesis> beam = new ArrayList<>(BEAM);
        beam.add(null);
        List<Hypothesis> next = new ArrayList<>(BEAM * 4);
        double[] base = new double[tagOfOutcome.length];
        double[] sums = new double[tagOfOutcome.length];
        for (int i = 0; i < p.n; i++) {
            java.util.Arrays.fill(base, 0);
            for (String f : features.base(p, i)) {
                add(base, f);
            }
            boolean lineStart = text.tokens.get(i).lineStart;
            next.clear();
            for (Hypothesis h : beam) {
                String prev = h == null ? NameFeatures.START : h.tag;
                String prev2 = h == null ? NameFeatures.START : h.tag(1);
                System.arraycopy(base, 0, sums, 0, base.length);
                for (String f : features.tagFeatures(p, i, prev, prev2)) {
                    add(sums, f);
                }
                double[] probs = softmax(sums.clone());
                for (int o = 0; o < probs.length; o++) {
                    String tag = tagOfOutcome[o];
                    if (tag.startsWith("I-") && (lineStart || !(prev.length() > 2 && prev.substring(2).equals(tag.substring(2))))) {
                        continue;
                    }
                    double score = (h == null ? 0 : h.logScore) + Math.log(Math.max(probs[o], 1e-12));
                    insert(next, new Hypothesis(h, tag, probs[o], score));
                }
            }
            beam.clear();
            beam.addAll(next);
        }
        Tagged[] out = new Tagged[p.n];
        Hypothesis h = beam.isEmpty() ? null : beam.get(0);
        for (int i = p.n - 1; i >= 0 && h != null; i--, h = h.previous) {
            out[i] = new Tagged(h.tag, h.probability);
        }
        return List.of(out);
    }

    /** Not a web address ("https", "www.Example.com") nor a lone function word ("You", "They're"). */
    private static boolean plausible(Text text, int from, int to) {
        Token first = text.tokens.get(from);
        if (!first.word) {
            return false;
        }
        for (int k = from; k < to; k++) {
            Token t = text.tokens.get(k);
            if (t.word && ProperNounDetector.inUrl(text, t)) {
                return false;
            }
        }
        Token next = text.token(to);
        if (next != null && next.isPunct(':') && text.value.startsWith("//", next.end)) {
            return false; // http://
        }
        if (to - from == 1) {
            int apostrophe = Math.max(first.lower.indexOf('\''), first.lower.indexOf('\u2019'));
            return !ProperNounDetector.STOP.contains(first.base) && !(apostrophe > 0 && first.base.equals(first.lower));
        }
        return true;
    }

    private static void insert(List<Hypothesis> beam, Hypothesis h) {
        int at = beam.size();
        while (at > 0 && beam.get(at - 1).logScore < h.logScore) {
            at--;
        }
        if (at < BEAM) {
            beam.add(at, h);
            if (beam.size() > BEAM) {
                beam.remove(BEAM);
            }
        }
    }

    /** The script of a token's first letter (COMMON for a token without letters). */
    private static Character.UnicodeScript script(Token t) {
        for (int k = 0; k < t.text.length(); k++) {
            char c = t.text.charAt(k);
            if (Character.isLetter(c)) {
                return Character.UnicodeScript.of(c);
            }
        }
        return Character.UnicodeScript.COMMON;
    }

    /** The entities of the best tag sequence, each scored by the mean probability of its tags. */
    List<EntitySpan> find(Text text) {
        List<Tagged> tags = tag(text);
        List<EntitySpan> spans = new ArrayList<>();
        List<Token> tokens = text.tokens;
        int i = 0;
        while (i < tags.size()) {
            String tag = tags.get(i).tag();
            if (tag.equals(NameFeatures.OUTSIDE)) {
                i++;
                continue;
            }
            String type = tag.substring(2);
            int end = i + 1;
            double sum = tags.get(i).probability();
            while (end < tags.size() && tags.get(end).tag().equals("I-" + type)) {
                sum += tags.get(end).probability();
                end++;
            }
            // punctuation never ends an entity ("Smith," "Acme Inc.")
            int last = end - 1;
            while (last > i && !tokens.get(last).word) {
                last--;
            }
            // nor a word in another script: a name does not switch alphabets ("Gelencsér ג€“" is mojibake)
            Character.UnicodeScript script = script(tokens.get(i));
            while (last > i && (!tokens.get(last).word || script(tokens.get(last)) != script)) {
                last--;
            }
            if (!plausible(text, i, last + 1)) {
                i = end;
                continue;
            }
            double score = Math.min(1.0, Math.max(0.01, sum / (end - i)));
            spans.add(new EntitySpan(type, tokens.get(i).start, tokens.get(last).baseEnd(), score));
            i = end;
        }
        return spans;
    }
}
