package io.switchboard.redaction.detection.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PII development set (test resource {@code pii-dev/}, README there): 1,500 synthetic sentences with
 * gold spans, mapped to Switchboard's types, and its deterministic 70/30 split by template.
 *
 * <p>Mapping: PERSON → NAME, GPE → GPE, ORGANIZATION → ORG, EMAIL_ADDRESS → EMAIL; DATE_TIME → TIME for
 * its clock-time part ("12:20:39", "10 am") and DATE for the rest; PHONE_NUMBER, CREDIT_CARD, IBAN_CODE,
 * US_SSN, US_DRIVER_LICENSE, IP_ADDRESS and ZIP_CODE → ID when the value has a letter, else NUMERIC;
 * STREET_ADDRESS → its parts (below); TITLE, NRP, AGE, DOMAIN_NAME → not redacted (no gold span: a
 * prediction there is a false positive).
 *
 * <p>STREET_ADDRESS parts: every digit group is a NUMERIC gold span (a token of letters and digits an ID);
 * when the address has several parts separated by line breaks or commas, each later part's words (city,
 * state, country, not a unit such as "Apt. 5") are a GPE gold span. The whole address is an <em>ignore
 * region</em>: a GPE, NUMERIC or ID prediction inside it that matches no gold span is neither right nor
 * wrong (a street name redacted is no harm, and single-line addresses don't say where the city starts).
 *
 * <p>Split: templates are ordered by a fixed hash of their id (murmur3's fmix32) and taken into the
 * held-out part until it has 30 % of the sentences; the rest is the development part. A template is
 * never on both sides, so the held-out figures measure sentences of unseen shapes.
 */
public final class PiiDevSet {
    public static final String RESOURCE = "/pii-dev/presidio_synth_dataset_v2.json";
    public static final double HELD_OUT_SHARE = 0.30;

    public record Gold(String type, int start, int end) {
    }

    public record Sample(int index, int templateId, String text, List<Gold> gold, List<int[]> ignoreRegions) {
    }

    public record Split(List<Sample> development, List<Sample> heldOut) {
    }

    private static final Set<String> IDENTIFIERS = Set.of("PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
            "US_DRIVER_LICENSE", "IP_ADDRESS", "ZIP_CODE", "US_BANK_NUMBER", "US_PASSPORT", "US_ITIN");
    private static final Pattern CLOCK = Pattern.compile(
            "\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?)?|\\d{1,2}\\s?[ap]\\.?m\\.?|noon|midnight", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGITS = Pattern.compile("[\\p{L}\\d]*\\d[\\p{L}\\d]*(?:-\\d+)*");
    private static final Pattern UNIT = Pattern.compile("(?i)\\s*(apt|suite|unit|box|psc|apo|fpo|dpo|p\\.?o\\.?)\\b.*");

    private PiiDevSet() {
    }

    public static List<Sample> load() {
        try (InputStream in = PiiDevSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Sample> samples = new ArrayList<>();
            int index = 0;
            for (JsonNode row : root) {
                String text = row.get("full_text").asText();
                List<Gold> gold = new ArrayList<>();
                List<int[]> ignore = new ArrayList<>();
                for (JsonNode span : row.get("spans")) {
                    map(text, span.get("entity_type").asText(), span.get("start_position").asInt(),
                            span.get("end_position").asInt(), gold, ignore);
                }
                gold.sort(Comparator.comparingInt(Gold::start));
                samples.add(new Sample(index++, row.get("template_id").asInt(), text, List.copyOf(gold), List.copyOf(ignore)));
            }
            return List.copyOf(samples);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Split split(List<Sample> samples) {
        Map<Integer, Integer> perTemplate = new LinkedHashMap<>();
        for (Sample s : samples) {
            perTemplate.merge(s.templateId(), 1, Integer::sum);
        }
        List<Integer> order = new ArrayList<>(perTemplate.keySet());
        order.sort((a, b) -> {
            int c = Integer.compareUnsigned(fmix32(a), fmix32(b));
            return c != 0 ? c : Integer.compare(a, b);
        });
        Set<Integer> heldOut = new HashSet<>();
        int taken = 0;
        for (int template : order) {
            if (taken >= HELD_OUT_SHARE * samples.size()) {
                break;
            }
            heldOut.add(template);
            taken += perTemplate.get(template);
        }
        List<Sample> dev = new ArrayList<>(), test = new ArrayList<>();
        for (Sample s : samples) {
            (heldOut.contains(s.templateId()) ? test : dev).add(s);
        }
        return new Split(List.copyOf(dev), List.copyOf(test));
    }

    static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static void map(String text, String type, int start, int end, List<Gold> gold, List<int[]> ignore) {
        String value = text.substring(start, end);
        switch (type) {
            case "PERSON" -> gold.add(new Gold("NAME", start, end));
            case "GPE" -> gold.add(new Gold("GPE", start, end));
            case "ORGANIZATION" -> gold.add(new Gold("ORG", start, end));
            case "EMAIL_ADDRESS" -> gold.add(new Gold("EMAIL", start, end));
            case "DATE_TIME" -> {
                Matcher m = CLOCK.matcher(value);
                if (m.find()) {
                    gold.add(new Gold("TIME", start + m.start(), start + m.end()));
                    addTrimmed("DATE", text, start, start + m.start(), gold);
                    addTrimmed("DATE", text, start + m.end(), end, gold);
                } else {
                    gold.add(new Gold("DATE", start, end));
                }
            }
            case "STREET_ADDRESS" -> {
                ignore.add(new int[] {start, end});
                address(text, start, end, gold);
            }
            default -> {
                if (IDENTIFIERS.contains(type)) {
                    boolean letter = value.chars().anyMatch(Character::isLetter);
                    gold.add(new Gold(letter ? "ID" : "NUMERIC", start, end));
                }
            }
        }
    }

    private static void addTrimmed(String type, String text, int start, int end, List<Gold> gold) {
        while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            gold.add(new Gold(type, start, end));
        }
    }

    private static void address(String text, int start, int end, List<Gold> gold) {
        String value = text.substring(start, end);
        Matcher m = DIGITS.matcher(value);
        while (m.find()) {
            boolean letter = m.group().chars().anyMatch(Character::isLetter);
            gold.add(new Gold(letter ? "ID" : "NUMERIC", start + m.start(), start + m.end()));
        }
        // parts after the first, split at line breaks and commas: their words are the city/state/country
        int partStart = 0;
        boolean first = true;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '\n' || value.charAt(i) == ',') {
                if (!first) {
                    place(text, start + partStart, start + i, gold);
                }
                first = false;
                partStart = i + 1;
            }
        }
    }

    private static void place(String text, int start, int end, List<Gold> gold) {
        String part = text.substring(start, end);
        if (UNIT.matcher(part).matches()) {
            return;
        }
        // the words before the first digit ("Uruguay 64677" → "Uruguay"; "nan" is the generator's blank)
        int cut = part.length();
        for (int i = 0; i < part.length(); i++) {
            if (Character.isDigit(part.charAt(i))) {
                cut = i;
                break;
            }
        }
        String words = part.substring(0, cut).strip();
        if (words.isEmpty() || words.equalsIgnoreCase("nan") || words.chars().noneMatch(Character::isLetter)) {
            return;
        }
        int s = start + part.indexOf(words);
        gold.add(new Gold("GPE", s, s + words.length()));
    }
}
