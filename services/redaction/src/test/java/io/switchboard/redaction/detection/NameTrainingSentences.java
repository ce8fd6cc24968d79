package io.switchboard.redaction.detection;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

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
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the name model's training sentences (design C) with their NAME, ORG and GPE spans: our own
 * templates — customer-support chat in both directions, e-mails and signatures, addresses, short
 * narrative and business sentences, and sentences without any entity whose words look like names
 * ("I will", "the bill", "may I", "Customer Service") — filled from datafaker's lists (first and last
 * names, places, countries, airlines, publishers, hospitals, car makers, brands, apps, companies), and
 * from made-up names, companies and towns that no gazetteer has (a character model of the real ones),
 * so that the model learns the context and not only the lists. Casing varies as chat does: as written,
 * all lower case, names alone in lower case, all capitals. Nothing comes from pii-dev.
 *
 * <p>Deterministic for a seed: the same seed and datafaker version give the same sentences.
 */
final class NameTrainingSentences {
    /** A sentence and its entity spans. */
    record Sentence(String text, List<EntitySpan> spans) {
    }

    private static final Pattern SLOT = Pattern.compile("\\{([A-Z_]+)}|\\[([^\\]]*)]");

    private final Random rnd;
    private final Gazetteers g;
    private final List<String> firstNames, lastNames, englishFirstNames, wordNames, places, countries, words;
    private final List<String> orgLists = new ArrayList<>();
    private final Map<String, List<String>> lists = new HashMap<>();
    private final CharModel nameChars, placeChars, orgChars;

    NameTrainingSentences(long seed, Gazetteers g) {
        this.rnd = new Random(seed);
        this.g = g;
        this.firstNames = sorted(g.firstNames());
        this.lastNames = sorted(g.lastNames());
        this.englishFirstNames = firstNames.stream().filter(g::isEnglishFirstName).toList();
        this.wordNames = englishFirstNames.stream().filter(g::isWord).filter(n -> n.length() > 2).toList();
        this.places = sorted(g.places());
        this.countries = places.stream().filter(g::isCountry).toList();
        this.words = readWords();
        String[][] orgSources = {
                {"en/aviation.yml", "airline"}, {"en/aviation.yml", "manufacturer"}, {"en/book.yml", "publisher"},
                {"en/care_provider.yml", "hospital_name"}, {"en/space.yml", "company"}, {"en/space.yml", "agency"},
                {"en/vehicle.yml", "manufacture"}, {"en/device.yml", "manufacturer"}, {"en/camera.yml", "brand"},
                {"en/appliance.yml", "brand"}, {"en/beer.yml", "brand"}, {"en/brand.yml", "sport"},
                {"en/brand.yml", "watch"}, {"en/commerce.yml", "vendor"}, {"en/commerce.yml", "brand"},
                {"en/app.yml", "name"}, {"en/computer.yml", "brand"}, {"en/finance.yml", "stock_market"}};
        for (String[] s : orgSources) {
            for (String v : yamlList(s[0], s[1])) {
                if (v.indexOf('#') < 0 && v.chars().anyMatch(Character::isLetter)) {
                    orgLists.add(v.equals(v.toUpperCase(Locale.ROOT)) && v.length() > 5 ? titleCase(v.toLowerCase(Locale.ROOT)) : v);
                }
            }
        }
        lists.put("industry", yamlList("en/company.yml", "industry"));
        lists.put("profession", yamlList("en/company.yml", "profession"));
        lists.put("department", yamlList("en/commerce.yml", "department"));
        lists.put("product", yamlList("en/commerce.yml", "product"));
        lists.put("adjective", yamlList("en/commerce.yml", "adjective"));
        lists.put("material", yamlList("en/commerce.yml", "material"));
        lists.put("us_state", yamlList("en/address.yml", "state"));
        lists.put("street_suffix", yamlList("en/address.yml", "street_suffix"));
        lists.put("city_suffix", yamlList("en/address.yml", "city_suffix"));
        lists.put("city_prefix", yamlList("en/address.yml", "city_prefix"));
        this.nameChars = new CharModel(concat(firstNames, lastNames));
        this.placeChars = new CharModel(places.stream().filter(p -> !p.contains(" ")).toList());
        this.orgChars = new CharModel(orgLists.stream().filter(o -> !o.contains(" ")).map(o -> o.toLowerCase(Locale.ROOT)).toList());
    }

    List<Sentence> generate(int count) {
        List<Sentence> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(sentence());
        }
        return out;
    }

    Sentence sentence() {
        double r = rnd.nextDouble();
        String template;
        if (r < 0.40) {
            template = pick(Templates.CHAT);
        } else if (r < 0.50) {
            template = pick(Templates.AGENT);
        } else if (r < 0.60) {
            template = pick(Templates.LETTER);
        } else if (r < 0.68) {
            template = pick(Templates.NARRATIVE);
        } else if (r < 0.80) {
            template = pick(Templates.PEOPLE);
        } else if (r < 0.84) {
            template = pick(Templates.PLACES);
        } else if (r < 0.87) {
            template = pick(Templates.ORGS);
        } else {
            template = pick(Templates.NONE);
        }
        if (rnd.nextDouble() < 0.15) {
            template = template + pick(List.of(" ", " ", "\n", ". ", "! ", " - ")) + pick(rnd.nextBoolean() ? Templates.CHAT : Templates.NONE);
        }
        Builder b = new Builder();
        fill(template, b);
        return casing(b);
    }

    // ---- filling ----

    private final class Builder {
        final StringBuilder text = new StringBuilder();
        final List<EntitySpan> spans = new ArrayList<>();

        void literal(String s) {
            text.append(s);
        }

        void entity(String type, String value) {
            int start = text.length();
            text.append(value);
            EntitySpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (type.equals("NAME") && last != null && last.type().equals("NAME") && last.end() == start - 1
                    && text.charAt(start - 1) == ' ') {
                spans.set(spans.size() - 1, new EntitySpan(type, last.start(), text.length(), 1.0)); // "{FIRST} {LAST}"
            } else {
                spans.add(new EntitySpan(type, start, text.length(), 1.0));
            }
        }
    }

    private void fill(String template, Builder b) {
        Matcher m = SLOT.matcher(template);
        int at = 0;
        while (m.find()) {
            b.literal(template.substring(at, m.start()));
            if (m.group(2) != null) {
                String[] options = m.group(2).split("\\|", -1);
                fill(options[rnd.nextInt(options.length)], b);
            } else {
                slot(m.group(1), b);
            }
            at = m.end();
        }
        b.literal(template.substring(at));
    }

    private void slot(String slot, Builder b) {
        switch (slot) {
            case "FIRST" -> b.entity("NAME", rnd.nextDouble() < 0.08 ? last() : first());
            case "LAST" -> b.entity("NAME", last());
            case "FULL" -> b.entity("NAME", full());
            case "PERSON" -> person(b);
            case "TITLED" -> {
                b.literal(pick(List.of("Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Mr ", "Mrs ", "Ms ", "Dr ", "Miss ", "Prof. ")));
                b.entity("NAME", rnd.nextDouble() < 0.7 ? last() : full());
            }
            case "ORG" -> b.entity("ORG", org());
            case "CITY" -> b.entity("GPE", city());
            case "COUNTRY" -> b.entity("GPE", titleCase(pick(countries)));
            case "STATE" -> b.entity("GPE", pick(lists.get("us_state")));
            case "GPE" -> b.entity("GPE", rnd.nextDouble() < 0.7 ? city() : titleCase(pick(countries)));
            case "CITY_COUNTRY" -> {
                b.entity("GPE", city());
                b.literal(pick(List.of(", ", " ", ", ")));
                b.entity("GPE", rnd.nextDouble() < 0.3 ? pick(lists.get("us_state")) : titleCase(pick(countries)));
            }
            case "ADDRESS" -> address(b);
            case "STREET" -> b.literal(street());
            case "EMAIL" -> b.literal(email());
            case "PHONE" -> b.literal(phone());
            case "DATE" -> b.literal(date());
            case "TIME" -> b.literal(pick(List.of("10:30", "9am", "3 pm", "14:00", "noon", "5:45 pm", "8.15", "11 am")));
            case "MONEY" -> b.literal(pick(List.of("$", "£", "€", "USD ", "EUR ")) + (1 + rnd.nextInt(900)) + (rnd.nextBoolean() ? "" : "." + (10 + rnd.nextInt(89))));
            case "ORDERNO" -> b.literal(orderNumber());
            case "NUM" -> b.literal(Integer.toString(1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 5000)));
            case "PRODUCT" -> b.literal(pick(lists.get("adjective")) + " " + pick(lists.get("material")) + " " + pick(lists.get("product")));
            case "PRODUCT_LOWER" -> b.literal(pick(lists.get("product")).toLowerCase(Locale.ROOT));
            case "DEPARTMENT" -> b.literal(pick(lists.get("department")));
            case "WEEKDAY" -> b.literal(pick(List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")));
            case "MONTH" -> b.literal(pick(List.of("January", "February", "March", "April", "May", "June", "July",
                    "August", "September", "October", "November", "December")));
            case "JOB" -> b.literal(pick(lists.get("profession")));
            case "INDUSTRY" -> b.literal(pick(lists.get("industry")).toLowerCase(Locale.ROOT));
            case "RELATIVE" -> b.literal(pick(List.of("wife", "husband", "son", "daughter", "mom", "mother", "dad",
                    "father", "brother", "sister", "partner", "boss", "manager", "colleague", "friend", "neighbour",
                    "neighbor", "grandmother", "uncle", "aunt", "cousin", "flatmate", "roommate", "assistant")));
            case "GREETING" -> b.literal(pick(List.of("hi", "hello", "hey", "Hi", "Hello", "Hey", "good morning",
                    "Good afternoon", "hiya", "Hi there", "hello there", "Dear")));
            case "WORDNAME" -> b.entity("NAME", titleCase(pick(wordNames)));
            default -> throw new IllegalArgumentException("unknown slot " + slot);
        }
    }

    private void person(Builder b) {
        double r = rnd.nextDouble();
        if (r < 0.35) {
            b.entity("NAME", first());
        } else if (r < 0.85) {
            b.entity("NAME", full());
        } else {
            b.literal(pick(List.of("Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Mr ", "Ms ")));
            b.entity("NAME", last());
        }
    }

    String first() {
        double r = rnd.nextDouble();
        if (r < 0.42) {
            return titleCase(pick(firstNames));
        } else if (r < 0.64) {
            return titleCase(pick(englishFirstNames));
        } else if (r < 0.74) {
            return titleCase(pick(wordNames));
        }
        return made(nameChars, 3, 9);
    }

    String last() {
        double r = rnd.nextDouble();
        String s;
        if (r < 0.6) {
            s = titleCase(pick(lastNames));
        } else {
            s = made(nameChars, 4, 11);
        }
        if (rnd.nextDouble() < 0.04) {
            s = s + "-" + titleCase(pick(lastNames));
        }
        if (rnd.nextDouble() < 0.04) {
            s = pick(List.of("van ", "de ", "von ", "Mc", "O'", "da ", "del ")) + s;
        }
        return s;
    }

    String full() {
        double r = rnd.nextDouble();
        String f = first();
        if (r < 0.12) {
            return f + " " + (char) ('A' + rnd.nextInt(26)) + ". " + last();
        } else if (r < 0.16) {
            return f + " " + first() + " " + last();
        }
        return f + " " + last();
    }

    String org() {
        double r = rnd.nextDouble();
        if (r < 0.30) {
            return pick(orgLists);
        } else if (r < 0.42) {
            // datafaker's company name shapes
            return switch (rnd.nextInt(5)) {
                case 0 -> titleCase(pick(lastNames)) + " " + pick(List.of("Inc", "LLC", "Group", "and Sons", "Ltd", "Inc.", "GmbH", "& Co", "PLC", "Corp"));
                case 1 -> titleCase(pick(lastNames)) + "-" + titleCase(pick(lastNames));
                case 2 -> titleCase(pick(lastNames)) + ", " + titleCase(pick(lastNames)) + " and " + titleCase(pick(lastNames));
                case 3 -> titleCase(pick(lastNames)) + " " + pick(List.of("Investments", "Partners", "Capital", "Consulting", "Associates", "Logistics", "Holdings", "Motors", "Insurance", "Bank", "Foods"));
                default -> titleCase(pick(lastNames)) + " & " + titleCase(pick(lastNames));
            };
        } else if (r < 0.58) {
            // a brand made of words: "Lawdragon", "Roadify", "Cardguard Health"
            String w1 = pick(words), w2 = pick(words);
            String brand = switch (rnd.nextInt(6)) {
                case 0, 1 -> titleCase(w1 + w2);
                case 2 -> titleCase(w1) + pick(List.of("ify", "ly", "io", "hub", "wise", "able", "ster", "ware", "lab", "lio", "zen"));
                case 3 -> pick(List.of("i", "e", "my", "go", "get", "open", "smart", "data", "web")) + titleCase(w1);
                default -> titleCase(w1) + titleCase(w2);
            };
            if (rnd.nextDouble() < 0.35) {
                brand += " " + pick(List.of("Labs", "Analytics", "Data", "Health", "Software", "Systems", "Technologies",
                        "Media", "Transit", "Finance", "Energy", "Networks", "Solutions", "Inc", "Group", "Studio", "Games", "Capital", "Research"));
            }
            return brand;
        } else if (r < 0.70) {
            // two or three capitalised words and an industry word: "Clean Power Finance", "Scale Unlimited"
            String s = titleCase(pick(words));
            if (rnd.nextBoolean()) {
                s += " " + titleCase(pick(words));
            }
            return s + " " + pick(List.of("Finance", "Unlimited", "Research", "Software", "Consulting", "Insights",
                    "Markets", "Partners", "Group", "Works", "Foundation", "Institute", "Corporation", "Company",
                    "Bank", "Airlines", "Health", "Club", "Explorer", "Economics", "Advisors", "Resources", "Movers", "Media"));
        } else if (r < 0.83) {
            return made(orgChars, 4, 10);
        } else if (r < 0.88) {
            // acronyms: "ABC Corp", "IBX"
            StringBuilder s = new StringBuilder();
            int n = 2 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                s.append((char) ('A' + rnd.nextInt(26)));
            }
            return s + (rnd.nextDouble() < 0.2 ? "" : " " + pick(List.of("Corp", "Group", "Bank", "Inc", "Systems", "Media", "Ltd")));
        } else if (r < 0.94) {
            String place = titleCase(pick(places));
            return rnd.nextBoolean() ? "University of " + place : place + " " + pick(List.of("University", "College", "Hospital",
                    "Bank", "Council", "Airport", "Medical Center", "Power", "Telecom", "Water"));
        }
        return titleCase(pick(firstNames)) + pick(List.of("'s", " & Co", "'s Bakery", " Studio", " Boutique", " Salon"));
    }

    String city() {
        double r = rnd.nextDouble();
        if (r < 0.6) {
            return titleCase(pick(places));
        } else if (r < 0.75) {
            return rnd.nextBoolean() ? pick(lists.get("city_prefix")) + " " + titleCase(pick(firstNames))
                    : titleCase(pick(lastNames)) + pick(lists.get("city_suffix"));
        }
        String s = made(placeChars, 4, 11);
        if (rnd.nextDouble() < 0.3) {
            s = s.toLowerCase(Locale.ROOT);
            s = titleCase(s) + pick(List.of("ton", "ville", "burg", "berg", "stad", "heim", "field", "bury", "mouth", "by", "dorf", "ia"));
        }
        return s;
    }

    private void address(Builder b) {
        b.literal(street());
        String sep = pick(List.of(", ", "\n", ", ", " "));
        b.literal(sep);
        if (rnd.nextDouble() < 0.25) {
            b.literal(pick(List.of("Apt. ", "Suite ", "Flat ", "Unit ")) + (1 + rnd.nextInt(999)) + sep);
        }
        b.entity("GPE", city());
        if (rnd.nextDouble() < 0.6) {
            b.literal(pick(List.of(", ", " ", "\n")));
            b.entity("GPE", rnd.nextBoolean() ? pick(lists.get("us_state")) : titleCase(pick(countries)));
        }
        if (rnd.nextBoolean()) {
            b.literal(" " + (10000 + rnd.nextInt(89999)));
        }
    }

    private String street() {
        String name = switch (rnd.nextInt(4)) {
            case 0 -> titleCase(pick(lastNames)) + " " + pick(lists.get("street_suffix"));
            case 1 -> titleCase(pick(firstNames)) + " " + pick(List.of("Street", "Road", "Avenue", "Lane", "Drive", "Way", "Court"));
            case 2 -> titleCase(pick(words)) + " " + pick(List.of("Street", "St", "Road", "Rd", "Ave", "Lane", "Blvd"));
            default -> made(placeChars, 4, 9) + pick(List.of("katu", "vej", "straße", "weg", "gatan", " Street", "laan", "veien"));
        };
        return (1 + rnd.nextInt(rnd.nextBoolean() ? 300 : 20000)) + " " + name;
    }

    private String email() {
        return pick(words) + (rnd.nextBoolean() ? "." + pick(words) : "") + (rnd.nextInt(100)) + "@"
                + pick(List.of("example.com", "mail.com", "post.net", "inbox.org", "web.de"));
    }

    private String phone() {
        return switch (rnd.nextInt(4)) {
            case 0 -> String.format(Locale.ROOT, "%03d %03d %04d", rnd.nextInt(1000), rnd.nextInt(1000), rnd.nextInt(10000));
            case 1 -> String.format(Locale.ROOT, "+44 %d %04d %04d", 10 + rnd.nextInt(90), rnd.nextInt(10000), rnd.nextInt(10000));
            case 2 -> String.format(Locale.ROOT, "(%03d) %03d-%04d", rnd.nextInt(1000), rnd.nextInt(1000), rnd.nextInt(10000));
            default -> String.format(Locale.ROOT, "0%d%08d", 1 + rnd.nextInt(9), rnd.nextInt(100_000_000));
        };
    }

    private String date() {
        String[] months = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"};
        return switch (rnd.nextInt(5)) {
            case 0 -> months[rnd.nextInt(12)] + " " + (1 + rnd.nextInt(28));
            case 1 -> (1 + rnd.nextInt(28)) + "/" + (1 + rnd.nextInt(12)) + "/20" + (10 + rnd.nextInt(20));
            case 2 -> "20" + (10 + rnd.nextInt(20)) + "-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10);
            case 3 -> (1 + rnd.nextInt(28)) + " " + months[rnd.nextInt(12)];
            default -> pick(List.of("yesterday", "last week", "on Monday", "last Friday", "two days ago", "today"));
        };
    }

    private String orderNumber() {
        StringBuilder s = new StringBuilder(rnd.nextBoolean() ? "#" : "");
        if (rnd.nextBoolean()) {
            s.append((char) ('A' + rnd.nextInt(26))).append((char) ('A' + rnd.nextInt(26)));
        }
        return s.append(10000 + rnd.nextInt(9_000_000)).toString();
    }

    private String made(CharModel model, int min, int max) {
        for (int attempt = 0; attempt < 50; attempt++) {
            String s = model.sample(rnd, min, max);
            if (!g.isName(s) && !g.isWord(s) && !g.isPlace(s)) {
                return titleCase(s);
            }
        }
        return titleCase(model.sample(rnd, min, max));
    }

    // ---- casing ----

    private Sentence casing(Builder b) {
        String text = b.text.toString();
        double r = rnd.nextDouble();
        if (r < 0.22) {
            text = text.toLowerCase(Locale.ROOT);
        } else if (r < 0.28) {
            StringBuilder s = new StringBuilder(text);
            for (EntitySpan e : b.spans) {
                s.replace(e.start(), e.end(), text.substring(e.start(), e.end()).toLowerCase(Locale.ROOT));
            }
            text = s.toString();
        } else if (r < 0.31) {
            text = text.toUpperCase(Locale.ROOT);
        } else if (r < 0.36 && !text.isEmpty()) {
            text = Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        if (text.length() != b.text.length()) {
            text = b.text.toString(); // a case change that changed the length (ß → SS): keep the original
        }
        return new Sentence(text, List.copyOf(b.spans));
    }

    // ---- helpers ----

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    static String titleCase(String lower) {
        StringBuilder b = new StringBuilder(lower.length());
        boolean start = true;
        String[] parts = lower.split(" ", -1);
        for (int p = 0; p < parts.length; p++) {
            String w = parts[p];
            if (p > 0) {
                b.append(' ');
            }
            if (p > 0 && Set.of("de", "del", "da", "do", "la", "le", "di", "van", "von", "der", "den", "upon", "on", "sur", "of", "and", "y").contains(w)) {
                b.append(w);
                continue;
            }
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                b.append(start ? Character.toUpperCase(c) : c);
                start = c == '-' || c == '\'';
            }
            start = true;
        }
        return b.toString();
    }

    private static List<String> sorted(Set<String> set) {
        return List.copyOf(new TreeSet<>(set));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private List<String> readWords() {
        List<String> out = new ArrayList<>();
        try (InputStream raw = Gazetteers.class.getResourceAsStream("english-words.txt.gz")) {
            String all = new String(new java.util.zip.GZIPInputStream(raw).readAllBytes(), StandardCharsets.UTF_8);
            for (String w : all.split("\n")) {
                w = w.strip();
                if (w.length() >= 3 && w.length() <= 8 && w.chars().allMatch(c -> c >= 'a' && c <= 'z') && !g.isName(w)) {
                    out.add(w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** The string list under {@code key} anywhere in a datafaker YAML file, in file order. */
    static List<String> yamlList(String file, String key) {
        try (InputStream in = NameTrainingSentences.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("datafaker resource " + file + " is missing");
            }
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(16 * 1024 * 1024);
            Object root = new Yaml(options).load(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            find(root, key, out);
            if (out.isEmpty()) {
                throw new IllegalStateException("no list " + key + " in " + file);
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void find(Object node, String key, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (key.equals(String.valueOf(e.getKey())) && e.getValue() instanceof List<?> list) {
                    list.forEach(v -> out.add(String.valueOf(v)));
                } else {
                    find(e.getValue(), key, out);
                }
            }
        }
    }

    /** A character trigram model of a word list, to make up words of the same look ("Kestrova", "Villaren"). */
    static final class CharModel {
        private final Map<String, List<Character>> next = new HashMap<>();
        private final List<String> keys;

        CharModel(List<String> words) {
            for (String w : words) {
                String s = "^^" + w + "$";
                for (int i = 2; i < s.length(); i++) {
                    next.computeIfAbsent(s.substring(i - 2, i), k -> new ArrayList<>()).add(s.charAt(i));
                }
            }
            keys = List.copyOf(new TreeSet<>(next.keySet()));
        }

        String sample(Random rnd, int min, int max) {
            for (int attempt = 0; attempt < 100; attempt++) {
                StringBuilder b = new StringBuilder("^^");
                while (b.length() < max + 3) {
                    List<Character> options = next.get(b.substring(b.length() - 2));
                    if (options == null) {
                        break;
                    }
                    char c = options.get(rnd.nextInt(options.size()));
                    if (c == '$') {
                        break;
                    }
                    b.append(c);
                }
                String s = b.substring(2);
                if (s.length() >= min && s.length() <= max && s.chars().allMatch(Character::isLetter)) {
                    return s;
                }
            }
            return keys.get(rnd.nextInt(keys.size())).replace("^", "") + "ner";
        }
    }
}
