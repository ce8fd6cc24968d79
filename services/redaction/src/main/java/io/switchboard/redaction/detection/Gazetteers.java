package io.switchboard.redaction.detection;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The word lists detection looks words up in, loaded once (≈ 0.5–1 s, ≈ 15 MB of heap) and shared by
 * every {@link Redactor}: first names, last names and places (cities, states, regions, countries) of
 * datafaker's Latin-script locales (Apache 2.0; read from its jar's YAML files), nationalities and
 * languages, and the common English words of SCOWL ({@code english-words.txt.gz}) that tell a word
 * from a name. Every entry is lower case ({@link Locale#ROOT}); places may have several words.
 */
public final class Gazetteers {
    /** datafaker's locale files with names and places, Latin script only (others could never match). */
    private static final List<String> LOCALES = List.of(
            "en/name.yml", "en/address.yml", "en/nation.yml", "en/country.yml",
            "ca-CAT.yml", "ca.yml", "cs-CZ.yml", "cs.yml", "da-DK.yml", "de-AT.yml", "de-CH.yml", "de.yml",
            "en-AU.yml", "en-CA.yml", "en-GB.yml", "en-IE.yml", "en-IN.yml", "en-MS.yml", "en-NEP.yml",
            "en-NG.yml", "en-NZ.yml", "en-PAK.yml", "en-PH.yml", "en-PK.yml", "en-SG.yml", "en-UG.yml",
            "en-US.yml", "en-ZA.yml", "es-AR.yml", "es-MX.yml", "es-PY.yml", "es.yml", "et.yml",
            "fi-FI.yml", "fr-CA.yml", "fr-CH.yml", "fr.yml", "hr.yml", "hu.yml", "id-ID.yml", "id.yml",
            "it.yml", "lv.yml", "nb-NO.yml", "nl-BE.yml", "nl.yml", "no-NO.yml", "pl.yml", "pt-BR.yml",
            "pt.yml", "ro-MD.yml", "sk.yml", "sq.yml", "sv-SE.yml", "sv.yml", "tr.yml", "vi.yml");

    private static volatile Gazetteers shared;

    private final Set<String> firstNames = new HashSet<>();
    private final Set<String> englishFirstNames = new HashSet<>();
    private boolean english;
    private final Set<String> lastNames = new HashSet<>();
    private final Set<String> places = new HashSet<>();
    private final Set<String> nationalities = new HashSet<>();
    private final Set<String> countries = new HashSet<>();
    private final Set<String> englishWords = new HashSet<>();
    private int maxPlaceWords;

    private Gazetteers() {
    }

    /** The process-wide instance, loaded on first use. */
    public static Gazetteers shared() {
        Gazetteers g = shared;
        if (g == null) {
            synchronized (Gazetteers.class) {
                g = shared;
                if (g == null) {
                    g = load();
                    shared = g;
                }
            }
        }
        return g;
    }

    static Gazetteers load() {
        Gazetteers g = new Gazetteers();
        ClassLoader loader = Gazetteers.class.getClassLoader();
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        for (String file : LOCALES) {
            try (InputStream in = loader.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("datafaker resource " + file + " is missing from the classpath");
                }
                Object root = new Yaml(options).load(new InputStreamReader(in, StandardCharsets.UTF_8));
                g.english = file.startsWith("en/");
                g.walk(root, null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        g.readWords("english-words.txt.gz", g.englishWords);
        g.nationalities.addAll(Words.set("spanish", "scottish", "welsh", "irish", "english", "french", "dutch", "swiss",
                "danish", "swedish", "finnish", "polish", "turkish", "british", "icelandic", "norwegian", "hungarian",
                "czech", "slovak", "slovenian", "croatian", "serbian", "greek", "italian", "portuguese", "brazilian",
                "mexican", "chinese", "japanese", "korean", "vietnamese", "thai", "indian", "pakistani", "european",
                "asian", "african", "latin", "arab", "arabic", "jewish", "muslim", "christian", "catholic", "hispanic",
                "latino", "latina", "american", "canadian", "australian", "german", "russian", "ukrainian", "romanian",
                "bulgarian", "estonian", "latvian", "lithuanian", "belgian", "austrian", "cypriot", "maltese",
                "greenlandic", "faroese", "bosnian", "albanian", "macedonian", "montenegrin", "georgian", "armenian"));
        g.places.removeAll(g.nationalities);
        g.countries.removeAll(g.nationalities);
        for (String place : g.places) {
            g.maxPlaceWords = Math.max(g.maxPlaceWords, place.split(" ").length);
        }
        return g;
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
                if (key.equals("country") && !value.contains("#")) {
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

    private void readWords(String resource, Set<String> target) {
        try (InputStream raw = Gazetteers.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + resource + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    target.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String normalise(String value) {
        return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    public boolean isFirstName(String lower) {
        return firstNames.contains(lower);
    }

    /** A first name of datafaker's English list ("jake", "rose", "bill"): common in English-language chat. */
    public boolean isEnglishFirstName(String lower) {
        return englishFirstNames.contains(lower);
    }

    public boolean isLastName(String lower) {
        return lastNames.contains(lower);
    }

    public boolean isName(String lower) {
        return firstNames.contains(lower) || lastNames.contains(lower);
    }

    public boolean isPlace(String lowerPhrase) {
        return places.contains(lowerPhrase);
    }

    /** A country's English name ("france", "czech republic"). */
    public boolean isCountry(String lowerPhrase) {
        return countries.contains(lowerPhrase);
    }

    public boolean isNationality(String lower) {
        return nationalities.contains(lower);
    }

    /** A common English word (lower case), e.g. "rose", "bill", "will", "wisdom". */
    public boolean isWord(String lower) {
        return englishWords.contains(lower);
    }

    public int maxPlaceWords() {
        return maxPlaceWords;
    }

    public Set<String> firstNames() {
        return Set.copyOf(firstNames);
    }

    public Set<String> lastNames() {
        return Set.copyOf(lastNames);
    }

    public Set<String> places() {
        return Set.copyOf(places);
    }

    @Override
    public String toString() {
        return "Gazetteers[" + firstNames.size() + " first names, " + lastNames.size() + " last names, "
                + places.size() + " places, " + englishWords.size() + " words]";
    }
}
