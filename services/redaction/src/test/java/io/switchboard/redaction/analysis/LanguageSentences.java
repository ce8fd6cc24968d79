package io.switchboard.redaction.analysis;

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
 * The language data sets of src/test/resources/language: {@code test-sentences.tsv} (accuracy, never tuned on)
 * and {@code dev-phrases.tsv} (short turns the settings were chosen on). Also the bench's.
 */
public record LanguageSentences(List<Labelled> all) {
    public static final String TEST = "/language/test-sentences.tsv";
    public static final String DEV = "/language/dev-phrases.tsv";
    public static final List<String> LANGUAGES = List.of("en", "es", "fr", "de", "it", "pt", "nl");

    public record Labelled(String lang, String text) {
    }

    /** Accuracy per language and overall ({@code "all"}), with the detector's fallback hint absent. */
    public record Accuracy(Map<String, double[]> perLanguage) {
        public double overall() {
            return perLanguage.get("all")[0] / perLanguage.get("all")[1];
        }

        public double of(String lang) {
            return perLanguage.get(lang)[0] / perLanguage.get(lang)[1];
        }
    }

    public static LanguageSentences read(String resource) {
        try (InputStream in = LanguageSentences.class.getResourceAsStream(resource)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Labelled> all = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", 2);
                all.add(new Labelled(columns[0], columns[1]));
            }
            return new LanguageSentences(List.copyOf(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Accuracy accuracy(LanguageDetection detection, List<String> languages) {
        Map<String, double[]> counts = new LinkedHashMap<>();
        for (Labelled s : all) {
            if (!languages.contains(s.lang())) {
                continue;
            }
            boolean right = detection.detect(s.text(), languages, null).equals(s.lang());
            for (String key : List.of(s.lang(), "all")) {
                double[] c = counts.computeIfAbsent(key, k -> new double[2]);
                c[0] += right ? 1 : 0;
                c[1]++;
            }
        }
        return new Accuracy(counts);
    }

    /** Prints the dev phrases' accuracy for each mode and gap: how the settings were chosen. */
    public static void main(String[] args) {
        LanguageSentences dev = read(DEV);
        for (boolean low : new boolean[] {false, true}) {
            for (double gap : new double[] {0, 0.01, 0.02, 0.05, 0.1}) {
                Accuracy a = dev.accuracy(new LanguageDetection(new LanguageDetection.Settings(low, gap, 6, 8)), LANGUAGES);
                StringBuilder line = new StringBuilder(String.format("low=%s gap=%.2f all %.3f", low, gap, a.overall()));
                LANGUAGES.forEach(l -> line.append(String.format(" %s %.2f", l, a.of(l))));
                System.out.println(line);
            }
        }
    }
}
