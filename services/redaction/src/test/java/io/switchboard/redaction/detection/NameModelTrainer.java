package io.switchboard.redaction.detection;

import io.switchboard.redaction.detection.NameTrainingSentences.Sentence;
import io.switchboard.redaction.detection.Text.Token;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Trains the name model of design C ({@link NameModel}) on {@link NameTrainingSentences} and writes
 * {@code name-model.bin.gz}. Deterministic (fixed seed, one training thread): the same command gives the
 * same model.
 *
 * <pre>
 * ./mvnw -B -o -q -pl services/redaction test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx3g -cp services/redaction/target/test-classes:services/redaction/target/classes:$(cat /tmp/cp.txt) \
 *     io.switchboard.redaction.detection.NameModelTrainer \
 *     services/redaction/src/main/resources/io/switchboard/redaction/detection/name-model.bin.gz
 * </pre>
 * Knobs (system properties): {@code sentences} (60000), {@code seed} (14), {@code iterations} (60),
 * {@code cutoff} (3), {@code algorithm} (MAXENT: GIS; MAXENT_QN: L-BFGS with {@code l2}, 0.5).
 */
public final class NameModelTrainer {
    static final int SENTENCES = Integer.getInteger("sentences", 60_000);
    static final long SEED = Long.getLong("seed", 14);
    static final int ITERATIONS = Integer.getInteger("iterations", 60);
    static final int CUTOFF = Integer.getInteger("cutoff", 3);
    static final String ALGORITHM = System.getProperty("algorithm", "MAXENT");
    static final double L2 = Double.parseDouble(System.getProperty("l2", "0.5"));

    private NameModelTrainer() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0]
                : "services/redaction/src/main/resources/io/switchboard/redaction/detection/" + NameModel.RESOURCE);
        long t0 = System.nanoTime();
        Gazetteers g = Gazetteers.shared();
        List<Sentence> sentences = new NameTrainingSentences(SEED, g).generate(SENTENCES);
        List<Event> events = events(sentences, new NameFeatures(g));
        System.out.printf(Locale.ROOT, "%,d sentences, %,d events (%d ms)%n", sentences.size(), events.size(),
                (System.nanoTime() - t0) / 1_000_000);
        MaxentModel model = train(events);
        try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(out), 65_536))) {
            new GenericModelWriter((AbstractModel) model, o).persist();
        }
        System.out.printf(Locale.ROOT, "%s: %,d bytes (%d ms in all)%n", out, Files.size(out), (System.nanoTime() - t0) / 1_000_000);
    }

    static MaxentModel train(List<Event> events) throws IOException {
        TrainingParameters p = new TrainingParameters();
        p.put(TrainingParameters.ALGORITHM_PARAM, ALGORITHM);
        if (ALGORITHM.equals("MAXENT_QN")) {
            p.put("L1Cost", 0.0);
            p.put("L2Cost", L2);
        }
        p.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        p.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
        p.put(TrainingParameters.THREADS_PARAM, 1);
        EventTrainer trainer = TrainerFactory.getEventTrainer(p, new HashMap<>());
        return trainer.train(ObjectStreamUtils.createObjectStream(events));
    }

    /** One event per token: its gold tag and its features, with the gold tags before it. */
    static List<Event> events(List<Sentence> sentences, NameFeatures features) {
        List<Event> events = new ArrayList<>(sentences.size() * 16);
        for (Sentence s : sentences) {
            Text text = new Text(s.text());
            List<String> tags = goldTags(text, s.spans());
            NameFeatures.Prepared p = features.prepare(text);
            for (int i = 0; i < p.n; i++) {
                String prev = i > 0 ? tags.get(i - 1) : NameFeatures.START;
                String prev2 = i > 1 ? tags.get(i - 2) : NameFeatures.START;
                events.add(new Event(tags.get(i), features.withTags(features.base(p, i), p, i, prev, prev2)));
            }
        }
        return events;
    }

    static List<String> goldTags(Text text, List<EntitySpan> spans) {
        List<String> tags = new ArrayList<>(text.tokens.size());
        for (Token t : text.tokens) {
            String tag = NameFeatures.OUTSIDE;
            for (EntitySpan e : spans) {
                if (t.start >= e.start() && t.start < e.end()) {
                    tag = (t.start == e.start() ? "B-" : "I-") + e.type();
                    break;
                }
            }
            tags.add(tag);
        }
        return tags;
    }
}
