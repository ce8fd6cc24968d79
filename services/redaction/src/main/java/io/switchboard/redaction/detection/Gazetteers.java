package io.switchboard.redaction.detection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The word lists detection looks words up in, loaded once (≈ 0.2–0.5 s, ≈ 23 MB of heap) and shared by
 * every {@link Redactor}: first names, last names and places (cities, states, regions, countries) of
 * datafaker's Latin-script locales (Apache 2.0), nationalities and languages — precompiled into
 * {@code gazetteers.txt.gz} by the test tool {@code tools.GazetteerCompiler} (its javadoc has the command;
 * a test checks the committed file is up to date) — and the common English words of SCOWL
 * ({@code english-words.txt.gz}) that tell a word from a name. Every entry is lower case
 * ({@link Locale#ROOT}); places may have several words.
 */
public final class Gazetteers {
    static final String RESOURCE = "gazetteers.txt.gz";

    private static volatile Gazetteers shared;

    private final Set<String> firstNames = new HashSet<>(32_768);
    private final Set<String> englishFirstNames = new HashSet<>(8_192);
    private final Set<String> lastNames = new HashSet<>(65_536);
    private final Set<String> places = new HashSet<>(16_384);
    private final Set<String> nationalities = new HashSet<>(1_024);
    private final Set<String> countries = new HashSet<>(1_024);
    private final Set<String> englishWords = new HashSet<>(131_072);
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
        Map<String, Set<String>> sections = new HashMap<>();
        sections.put("first", g.firstNames);
        sections.put("first-en", g.englishFirstNames);
        sections.put("last", g.lastNames);
        sections.put("place", g.places);
        sections.put("country", g.countries);
        sections.put("nationality", g.nationalities);
        Set<String> target = null;
        try (BufferedReader reader = open(RESOURCE)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                if (line.charAt(0) == '@') {
                    target = sections.get(line.substring(1));
                    if (target == null) {
                        throw new IllegalStateException(RESOURCE + ": unknown section " + line);
                    }
                } else if (target == null) {
                    throw new IllegalStateException(RESOURCE + ": an entry before the first section");
                } else {
                    target.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (BufferedReader reader = open("english-words.txt.gz")) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    g.englishWords.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String place : g.places) {
            int words = 1;
            for (int i = 0; i < place.length(); i++) {
                if (place.charAt(i) == ' ') {
                    words++;
                }
            }
            g.maxPlaceWords = Math.max(g.maxPlaceWords, words);
        }
        return g;
    }

    private static BufferedReader open(String resource) throws IOException {
        InputStream raw = Gazetteers.class.getResourceAsStream(resource);
        if (raw == null) {
            throw new IllegalStateException("resource " + resource + " is missing");
        }
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 65_536), StandardCharsets.UTF_8), 65_536);
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
