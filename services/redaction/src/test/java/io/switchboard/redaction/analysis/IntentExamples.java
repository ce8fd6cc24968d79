package io.switchboard.redaction.analysis;

import io.switchboard.redaction.domain.Intent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intents of src/test/resources/intents (8 contact-center intents × 5 phrases) and the development messages
 * the topic threshold was chosen on; {@link #main} prints the choice. Also the bench's intents.
 */
public final class IntentExamples {
    private IntentExamples() {
    }

    public static List<Intent> intents() {
        Map<String, List<String>> phrases = new LinkedHashMap<>();
        for (String[] row : rows("/intents/intents.tsv")) {
            phrases.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        List<Intent> intents = new ArrayList<>();
        phrases.forEach((name, list) -> intents.add(new Intent(name, list)));
        return List.copyOf(intents);
    }

    /** {expected intent or "none", message}. */
    public static List<String[]> devMessages() {
        return rows("/intents/dev-messages.tsv");
    }

    static List<String[]> rows(String resource) {
        try (InputStream in = IntentExamples.class.getResourceAsStream(resource)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", 2));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For each threshold: topics right, wrong, missed (an intent message without topic), and false topics on "none". */
    public static void main(String[] args) {
        IntentMatcher matcher = new IntentMatcher(Embeddings.load(1), new IntentMatcher.Settings(0, 4, 10_000));
        List<Intent> intents = intents();
        List<String[]> dev = devMessages();
        List<IntentMatcher.Result> results = new ArrayList<>();
        for (String[] row : dev) {
            IntentMatcher.Result r = matcher.match(row[1], intents);
            results.add(r);
            System.out.printf("%-20s %-20s %.3f  %s%n", row[0], r.topMatches().get(0).intent(), r.topMatches().get(0).confidence(), row[1]);
        }
        for (double t = 0.30; t <= 0.701; t += 0.05) {
            int right = 0, wrong = 0, missed = 0, falseTopic = 0;
            for (int i = 0; i < dev.size(); i++) {
                var best = results.get(i).topMatches().get(0);
                boolean topic = best.confidence() >= t;
                if (dev.get(i)[0].equals("none")) {
                    falseTopic += topic ? 1 : 0;
                } else if (!topic) {
                    missed++;
                } else if (best.intent().equals(dev.get(i)[0])) {
                    right++;
                } else {
                    wrong++;
                }
            }
            System.out.printf("threshold %.2f: right %d, wrong %d, missed %d, topic on unrelated %d%n", t, right, wrong, missed, falseTopic);
        }
    }
}
