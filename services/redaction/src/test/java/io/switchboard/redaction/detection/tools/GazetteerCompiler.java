package io.switchboard.redaction.detection.tools;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * Compiles detection's gazetteers (first names, last names, places, countries, nationalities) from
 * datafaker's locale files (Apache 2.0) into the compact resource {@code gazetteers.txt.gz} that
 * {@code Gazetteers} loads at start-up: one entry a line, lower case ({@link Locale#ROOT}), sorted, in
 * sections ({@code @first}, {@code @first-en}, {@code @last}, {@code @place}, {@code @country},
 * {@code @nationality}). Parsing datafaker's YAML takes seconds; reading the result takes ≈ 0.1 s.
 * {@code GazetteerResourceTest} checks that the committed resource is what this produces, so a datafaker
 * upgrade fails the build until the resource is regenerated:
 *
 * <pre>
 * java -cp services/redaction/target/test-classes:services/redaction/target/classes:&lt;test classpath&gt; \
 *     io.switchboard.redaction.detection.tools.GazetteerCompiler \
 *     services/redaction/src/main/resources/io/switchboard/redaction/detection/gazetteers.txt.gz
 * </pre>
 */
public final class GazetteerCompiler {
    public static final String RESOURCE = "/io/switchboard/redaction/detection/gazetteers.txt.gz";

    /** datafaker's locale files with names and places, Latin script only (others could never match). */
    static final List<String> LOCALES = List.of(
            "en/name.yml", "en/address.yml", "en/nation.yml", "en/country.yml",
            "ca-CAT.yml", "ca.yml", "cs-CZ.yml", "cs.yml", "da-DK.yml", "de-AT.yml", "de-CH.yml", "de.yml",
            "en-AU.yml", "en-CA.yml", "en-GB.yml", "en-IE.yml", "en-IN.yml", "en-MS.yml", "en-NEP.yml",
            "en-NG.yml", "en-NZ.yml", "en-PAK.yml", "en-PH.yml", "en-PK.yml", "en-SG.yml", "en-UG.yml",
            "en-US.yml", "en-ZA.yml", "es-AR.yml", "es-MX.yml", "es-PY.yml", "es.yml", "et.yml",
            "fi-FI.yml", "fr-CA.yml", "fr-CH.yml", "fr.yml", "hr.yml", "hu.yml", "id-ID.yml", "id.yml",
            "it.yml", "lv.yml", "nb-NO.yml", "nl-BE.yml", "nl.yml", "no-NO.yml", "pl.yml", "pt-BR.yml",
            "pt.yml", "ro-MD.yml", "sk.yml", "sq.yml", "sv-SE.yml", "sv.yml", "tr.yml", "vi.yml");

    /** Nationalities and languages that datafaker lacks; never places. */
    static final List<String> NATIONALITIES = List.of("spanish", "scottish", "welsh", "irish", "english", "french",
            "dutch", "swiss", "danish", "swedish", "finnish", "polish", "turkish", "british", "icelandic", "norwegian",
            "hungarian", "czech", "slovak", "slovenian", "croatian", "serbian", "greek", "italian", "portuguese",
            "brazilian", "mexican", "chinese", "japanese", "korean", "vietnamese", "thai", "indian", "pakistani",
            "european", "asian", "african", "latin", "arab", "arabic", "jewish", "muslim", "christian", "catholic",
            "hispanic", "latino", "latina", "american", "canadian", "australian", "german", "russian", "ukrainian",
            "romanian", "bulgarian", "estonian", "latvian", "lithuanian", "belgian", "austrian", "cypriot", "maltese",
            "greenlandic", "faroese", "bosnian", "albanian", "macedonian", "montenegrin", "georgian", "armenian");

    private final Set<String> firstNames = new HashSet<>();
    private final Set<String> englishFirstNames = new HashSet<>();
    private final Set<String> lastNames = new HashSet<>();
    private final Set<String> places = new HashSet<>();
    private final Set<String> nationalities = new HashSet<>();
    private final Set<String> countries = new HashSet<>();
    private boolean english;

    private GazetteerCompiler() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0]
                : "services/redaction/src/main/resources" + RESOURCE);
        long t0 = System.nanoTime();
        String text = compile();
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        System.out.printf(Locale.ROOT, "%s: %,d bytes (compiled in %d ms)%n", out, Files.size(out),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** The resource's text: sections of sorted entries. */
    public static String compile() {
        GazetteerCompiler c = new GazetteerCompiler();
        c.read();
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        sections.put("first", c.firstNames);
        sections.put("first-en", c.englishFirstNames);
        sections.put("last", c.lastNames);
        sections.put("place", c.places);
        sections.put("country", c.countries);
        sections.put("nationality", c.nationalities);
        StringBuilder b = new StringBuilder("# detection gazetteers, generated by GazetteerCompiler from datafaker's "
                + "locale files (Apache 2.0); do not edit\n");
        sections.forEach((name, entries) -> {
            b.append('@').append(name).append('\n');
            new TreeSet<>(entries).forEach(e -> b.append(e).append('\n'));
        });
        return b.toString();
    }

    private void read() {
        ClassLoader loader = GazetteerCompiler.class.getClassLoader();
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        for (String file : LOCALES) {
            try (InputStream in = loader.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("datafaker resource " + file + " is missing from the classpath");
                }
                Object root = new Yaml(options).load(new InputStreamReader(in, StandardCharsets.UTF_8));
                english = file.startsWith("en/");
                walk(root, null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        nationalities.addAll(NATIONALITIES);
        places.removeAll(nationalities);
        countries.removeAll(nationalities);
    }

    private void walk(Object node, String section, String key) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String k = String.valueOf(e.getKey());
                String s = section;
                if (k.equals("name") || k.equals("address") || k.equals("nation") || k.equals("country")) {
                    s = s == null && e.getValue() instanceof Map ? k : s;
                }
                walk(e.getValue(), s, k);
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String value) {
                    add(section, key, value);
                } else {
                    walk(item, section, key);
                }
            }
        }
    }

    private void add(String section, String key, String value) {
        if (section == null || key == null || value.indexOf('#') >= 0 || value.indexOf('?') >= 0) {
            return;
        }
        String v = normalise(value);
        if (v.isEmpty()) {
            return;
        }
        switch (section) {
            case "name" -> {
                Set<String> target = key.contains("first_name") || key.equals("male") || key.equals("female")
                        || key.equals("neutral") ? firstNames : key.contains("last_name") ? lastNames : null;
                if (target != null) {
                    for (String word : v.split(" ")) {
                        if (word.length() > 1) {
                            target.add(word);
                            if (english && target == firstNames) {
                                englishFirstNames.add(word);
                            }
                        }
                    }
                }
            }
            case "country" -> {
                if (key.equals("name") || key.equals("capital")) {
                    places.add(v);
                    if (key.equals("name")) {
                        countries.add(v);
                    }
                }
            }
            case "address" -> {
                if (key.equals("country")) {
                    countries.add(v);
                }
                boolean place = (key.contains("city") || key.contains("country") || key.contains("state")
                        || key.contains("county") || key.contains("province") || key.contains("region"))
                        && !key.contains("prefix") && !key.contains("suffix") && !key.contains("code")
                        && !key.contains("abbr");
                if (place && v.length() > 2) {
                    places.add(v);
                }
            }
            case "nation" -> {
                if (key.equals("nationality") || key.equals("language")) {
                    nationalities.add(v);
                    if (v.endsWith("s") && !v.contains(" ")) {
                        nationalities.add(v.substring(0, v.length() - 1)); // Americans → american
                    }
                } else if (key.equals("capital_city")) {
                    places.add(v);
                }
            }
            default -> {
            }
        }
    }

    static String normalise(String value) {
        return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
