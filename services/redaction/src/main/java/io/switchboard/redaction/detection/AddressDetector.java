package io.switchboard.redaction.detection;

import io.switchboard.redaction.detection.Text.Token;

import java.util.List;
import java.util.Set;

/**
 * Postal addresses: finds a street ("221 Baker Street", "6750 Koskikatu 25", "Rua Diadema 1903",
 * "Puruntie 82") and follows the address over the next line- or comma-separated parts (flat or suite,
 * city, state, country, postcode). Every number of it is NUMERIC (or ID when it has letters: "12B",
 * "B0J 2H0"); the city, state and country parts are GPE. The street name itself is no type of ours.
 */
final class AddressDetector implements Detector {
    static final Set<String> STREET_WORDS = Words.set("street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln",
            "drive", "dr", "boulevard", "blvd", "way", "court", "ct", "place", "pl", "square", "sq", "terrace",
            "highway", "hwy", "parkway", "pkwy", "circle", "cir", "trail", "crescent", "close", "gardens", "row",
            "walk", "alley", "plaza", "strasse", "straße", "str", "gasse", "weg", "platz", "allee", "laan", "straat",
            "gracht", "plein", "vej", "gade", "gatan", "vägen", "väg", "gata", "veien", "vegen", "vegur", "katu",
            "tie", "kuja", "tori", "rue", "chemin", "via", "viale", "piazza", "corso", "calle", "avenida", "rua",
            "praça", "travessa", "strada", "ulica", "ul", "utca", "út", "ulice", "náměstí", "trg", "cesta", "ulitsa",
            "prospekt", "odos", "caddesi", "sokak", "carrer", "camino", "paseo", "largo", "rodovia", "estrada",
            "ring", "hill", "park", "view", "grove", "mews", "green", "heights", "point", "broadway", "pike", "tee", "gate",
            "gaten", "vei", "veg", "iela", "út", "utca", "ulica", "ut", "sokağı", "sk", "cad", "hovedgade", "torv",
            "stræde", "kaari", "ranta", "polku", "rinne", "mäki", "vägen", "gränd", "stig", "isle", "squares", "ridge",
            "meadows", "estate", "estates", "wharf", "quay", "esplanade", "promenade", "via", "viale", "vicolo");
    static final Set<String> STREET_PREFIXES = Words.set("rua", "via", "rue", "avenida", "calle", "strada", "piazza",
            "viale", "corso", "carrer", "avenue", "boulevard", "ulica", "ul", "trg", "plaza", "praça", "travessa",
            "camino", "paseo", "largo", "chemin", "route", "rodovia", "estrada", "odos", "leoforos");
    private static final String[] STREET_SUFFIXES = {"katu", "tie", "kuja", "vej", "gade", "gatan", "vägen", "gata",
            "veien", "vegen", "vegur", "straße", "strasse", "str.", "gasse", "weg", "platz", "allee", "laan", "straat",
            "gracht", "utca", "ulica", "cesta", "stræde", "torget", "vägen", "polku", "raitti", "väylä", "stigen",
            "brinken", "gränd", "backen", "bakken", "stien", "veg", "road", "street", "avenue", "lane"};
    static final Set<String> UNIT_WORDS = Words.set("apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl", "box",
            "po", "p.o", "psc", "bldg", "building", "room", "no", "nr");
    private static final Set<String> CONTINUATION_STOP = Words.set("the", "a", "an", "it", "i", "and", "in", "at", "on",
            "to", "for", "is", "was", "last", "please", "after", "before", "street", "st", "we", "you", "he", "she",
            "they", "my", "our", "but", "so", "then", "when", "if", "as", "it's", "i'm", "i'd", "thanks", "thank",
            "call", "can", "could", "would", "will", "hello", "hi", "mobile", "phone", "email", "fax", "desk", "web",
            "website", "tel", "box", "apt", "suite", "unit", "this", "that", "there", "here", "what", "how", "why",
            "where", "which", "who", "next", "see", "also", "or", "of");

    @Override
    public void detect(Text text, List<EntitySpan> out) {
        List<Token> tokens = text.tokens;
        int i = 0;
        while (i < tokens.size()) {
            int end = street(text, i);
            if (end < 0) {
                i++;
                continue;
            }
            numbers(text, i, end, out);
            streetName(text, i, end, out);
            i = continuation(text, end, out);
        }
    }

    /** The index after the street starting at token {@code i}, or -1 when no street starts there. */
    private int street(Text text, int i) {
        Token t = text.token(i);
        if (t == null || !t.word) {
            return -1;
        }
        if (isNumber(t) && t.text.length() <= 6) {
            // NUM [NUM] Words… [NUM]
            int j = i + 1;
            if (isNumber(text.token(j)) && sameLine(text, j)) {
                j++;
            }
            int words = 0;
            boolean keyword = false;
            while (words < 5 && (isStreetWord(text, j) || words > 0 && isLowerStreetWord(text, j))) {
                keyword |= STREET_WORDS.contains(text.token(j).lower) || STREET_PREFIXES.contains(text.token(j).lower)
                        || hasStreetSuffix(text.token(j).lower);
                words++;
                j++;
                if (text.token(j) != null && text.token(j).isPunct('.') && sameLine(text, j)) {
                    j++;
                }
            }
            if (words == 0) {
                return -1;
            }
            boolean trailingNumber = isNumber(text.token(j)) && sameLine(text, j);
            if (trailingNumber) {
                j++;
            }
            if (keyword || trailingNumber && words <= 4) {
                return j;
            }
            return -1;
        }
        if (isStreetWord(text, i) && !t.sentenceStart || isStreetWord(text, i) && STREET_PREFIXES.contains(t.lower)) {
            // Rua Diadema 1903, Koskikatu 25, Via Roma 131
            boolean prefix = STREET_PREFIXES.contains(t.lower);
            int j = i;
            int words = 0;
            boolean suffix = false;
            while (words < 4 && isStreetWord(text, j)) {
                suffix |= hasStreetSuffix(text.token(j).lower);
                words++;
                j++;
            }
            if ((prefix && words >= 2 || suffix) && isNumber(text.token(j)) && sameLine(text, j)
                    && text.token(j).text.length() <= 5) {
                return j + 1;
            }
        }
        return -1;
    }

    /** Follows the address after its street: units, city, state, country and postcode parts. */
    private int continuation(Text text, int i, List<EntitySpan> out) {
        int parts = 0;
        int j = i;
        while (parts < 6) {
            Token t = text.token(j);
            if (t == null) {
                return j;
            }
            boolean separated = t.lineStart;
            while (t != null && !t.word && (!t.isPunct('?') && !t.isPunct('!') && !t.isPunct(':') && !t.isPunct('"')
                    || linePrefix(text, j))) {
                separated = true;
                j++;
                t = text.token(j);
            }
            if (t == null) {
                return j;
            }
            separated |= t.lineStart;
            if (UNIT_WORDS.contains(t.lower.replace(".", "")) && isNumber(next(text, j))) {
                int k = j + 1;
                if (text.token(k).isPunct('.')) {
                    k++;
                }
                numbers(text, k, k + 1, out);
                j = k + 1;
                parts++;
                continue;
            }
            if (isNumber(t) || isAlnumCode(t)) {
                int k = j;
                while (isNumber(text.token(k)) || isAlnumCode(text.token(k))) {
                    k++;
                    if (k - j >= 2) {
                        break;
                    }
                }
                numbers(text, j, k, out);
                j = k;
                parts++;
                continue;
            }
            if (isPlaceWord(text, t) && (separated || parts > 0 || !text.lowerCased)) {
                int k = j;
                while (k - j < 4 && text.token(k) != null && isPlaceWord(text, text.token(k))
                        && (k == j || !text.token(k).lineStart)) {
                    k++;
                }
                Token last = text.token(k - 1);
                if (k > j) {
                    out.add(new EntitySpan(EntityType.GPE, t.start, last.end, separated ? 0.88 : 0.8));
                }
                j = k;
                parts++;
                continue;
            }
            return j;
        }
        return j;
    }

    /** Punctuation opening a line ("> ", "??? "): a quote marker, not the end of the address. */
    private static boolean linePrefix(Text text, int j) {
        int k = j;
        while (k > 0 && !text.token(k).lineStart && !text.token(k - 1).word) {
            k--;
        }
        return text.token(k).lineStart && !text.token(k).word;
    }

    private static Token next(Text text, int j) {
        Token n = text.token(j + 1);
        if (n != null && n.isPunct('.')) {
            n = text.token(j + 2);
        }
        return n;
    }

    private boolean isPlaceWord(Text text, Token t) {
        if (t == null || !t.word || t.hasDigit) {
            return false;
        }
        if (CONTINUATION_STOP.contains(t.lower)) {
            return isRegionCode(text, t);
        }
        Token after = text.token(t.index + 1);
        if (after != null && after.isPunct(':')) {
            return false; // "Mobile:" is a label
        }
        if (text.lowerCased) {
            return !CONTINUATION_STOP.contains(t.lower) && t.text.length() > 1;
        }
        return t.capitalized || t.allCaps;
    }

    /**
     * "Toronto, ON 82269", "Caxias do Sul, RS 24893": two letters between the city's comma and the postcode are
     * a state or province even when they spell a word the address otherwise stops at ("ON", "AT", "NO").
     */
    private static boolean isRegionCode(Text text, Token t) {
        Token before = text.token(t.index - 1);
        Token after = text.token(t.index + 1);
        return t.text.length() == 2 && (t.allCaps || text.lowerCased) && before != null && before.isPunct(',')
                && isNumber(after);
    }

    /** The street's name locates a person as much as the city: redacted as GPE too. */
    private static void streetName(Text text, int from, int to, List<EntitySpan> out) {
        int s = -1;
        for (int k = from; k <= to; k++) {
            Token t = k < to ? text.token(k) : null;
            boolean word = t != null && t.word && !t.hasDigit && !STREET_WORDS.contains(t.lower)
                    && !UNIT_WORDS.contains(t.lower.replace(".", ""));
            if (word && s < 0) {
                s = k;
            } else if (!word && t != null && t.isPunct('.') && s >= 0) {
                continue;
            } else if (!word && s >= 0) {
                Token last = text.token(k - 1);
                if (last.isPunct('.')) {
                    last = text.token(k - 2);
                }
                out.add(new EntitySpan(EntityType.GPE, text.token(s).start, last.end, 0.86));
                s = -1;
            }
        }
    }

    private void numbers(Text text, int from, int to, List<EntitySpan> out) {
        for (int k = from; k < to && k < text.tokens.size(); k++) {
            Token t = text.token(k);
            if (isNumber(t)) {
                int e = k;
                while (isNumber(text.token(e + 1)) && e + 1 < to && sameLine(text, e + 1)) {
                    e++;
                }
                out.add(new EntitySpan(EntityType.NUMERIC, t.start, text.token(e).end, 0.85));
                k = e;
            } else if (isAlnumCode(t)) {
                out.add(new EntitySpan(EntityType.ID, t.start, t.end, 0.8));
            }
        }
    }

    private static boolean isStreetWord(Text text, int j) {
        Token t = text.token(j);
        if (t == null || !t.word || t.hasDigit || t.lineStart && j > 0 && !text.token(j - 1).hasDigit) {
            return false;
        }
        if (!sameLine(text, j)) {
            return false;
        }
        if (text.lowerCased) {
            return t.text.length() > 1 && !CONTINUATION_STOP.contains(t.lower) || STREET_WORDS.contains(t.lower);
        }
        return t.capitalized || STREET_WORDS.contains(t.lower) || isParticle(t.lower);
    }

    /** "6614 Luite tee 87", "Árpád fejedelem útja 3": a lower-case word inside a street before its number. */
    private static boolean isLowerStreetWord(Text text, int j) {
        Token t = text.token(j);
        if (t == null || !t.word || t.hasDigit || t.lineStart || CONTINUATION_STOP.contains(t.lower)) {
            return false;
        }
        for (int k = j + 1; k <= j + 3; k++) {
            Token n = text.token(k);
            if (n == null || n.lineStart) {
                return false;
            }
            if (isNumber(n)) {
                return true;
            }
            if (!n.word) {
                return false;
            }
        }
        return false;
    }

    private static boolean isParticle(String lower) {
        return lower.equals("de") || lower.equals("da") || lower.equals("do") || lower.equals("dos") || lower.equals("das")
                || lower.equals("del") || lower.equals("di") || lower.equals("z") || lower.equals("u") || lower.equals("van")
                || lower.equals("von") || lower.equals("la") || lower.equals("le") || lower.equals("du");
    }

    private static boolean sameLine(Text text, int j) {
        Token t = text.token(j);
        return t != null && !t.lineStart;
    }

    static boolean hasStreetSuffix(String lower) {
        for (String s : STREET_SUFFIXES) {
            if (lower.endsWith(s) && lower.length() > s.length() + 2) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(Token t) {
        return t != null && t.hasDigit && !t.hasLetter && t.text.length() <= 10;
    }

    private static boolean isAlnumCode(Token t) {
        return t != null && t.hasDigit && t.hasLetter && t.text.length() <= 8 && !t.lower.matches("\\d+(st|nd|rd|th)");
    }
}
