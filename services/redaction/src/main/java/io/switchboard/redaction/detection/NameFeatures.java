package io.switchboard.redaction.detection;

import io.switchboard.redaction.detection.Text.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The features of the statistical name finder ({@link NameModel}, design C), for one token in its text:
 * the word, its shape ("Xx", "x", "X.", "Xx-Xx", "d"), prefix and suffix, the text's casing (lower-cased
 * chat tells nothing by capitals), gazetteer flags (first name, English first name, last name, common
 * English word, place, country, nationality, company word, title, street word; part of a multi-word
 * place), the same for two words either side, word bigrams, and the tags given to the two tokens
 * before. The same code makes the training events ({@code NameModelTrainer}, test sources) and the
 * features at run time, so they cannot drift apart.
 */
final class NameFeatures {
    static final String OUTSIDE = "O";
    /** BIO tags over NAME, ORG and GPE. */
    static final List<String> TAGS = List.of(OUTSIDE, "B-NAME", "I-NAME", "B-ORG", "I-ORG", "B-GPE", "I-GPE");
    static final String START = "S";
    private static final Set<String> TITLES = Words.set("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam",
            "mister", "mx", "dame", "lord", "lady", "uncle", "aunt", "auntie");

    private final Gazetteers g;

    NameFeatures(Gazetteers g) {
        this.g = g;
    }

    /** A text's per-token facts, computed once before decoding. */
    final class Prepared {
        final Text text;
        final int n;
        final String[] word;
        final String[] shape;
        final String[] gaz;
        final String casing;

        Prepared(Text text) {
            this.text = text;
            this.n = text.tokens.size();
            this.word = new String[n];
            this.shape = new String[n];
            this.gaz = new String[n];
            boolean lowerAny = false, letter = false;
            for (Token t : text.tokens) {
                if (t.hasLetter) {
                    letter = true;
                    lowerAny |= !t.allCaps;
                }
            }
            this.casing = text.lowerCased ? "lower" : letter && !lowerAny ? "upper" : "mixed";
            boolean[] inPlace = placePhrases(text);
            for (int i = 0; i < n; i++) {
                Token t = text.tokens.get(i);
                word[i] = t.hasDigit ? digitsToZero(t.lower) : t.lower;
                shape[i] = NameFeatures.shape(t.text);
                gaz[i] = gazetteerFlags(t, inPlace[i]);
            }
        }

        String word(int i) {
            return i < 0 ? "<s>" : i >= n ? "</s>" : word[i];
        }

        String shape(int i) {
            return i < 0 ? "<s>" : i >= n ? "</s>" : shape[i];
        }

        String gaz(int i) {
            return i < 0 || i >= n ? "-" : gaz[i];
        }
    }

    Prepared prepare(Text text) {
        return new Prepared(text);
    }

    /** Features of token {@code i} that do not depend on the tags before it. */
    List<String> base(Prepared p, int i) {
        Token t = p.text.tokens.get(i);
        List<String> f = new ArrayList<>(40);
        String w = p.word[i], sh = p.shape[i], gz = p.gaz[i];
        f.add("w=" + w);
        f.add("sh=" + sh);
        f.add("c|sh=" + p.casing + "|" + sh);
        f.add("g=" + gz);
        f.add("c|g=" + p.casing + "|" + gz);
        f.add("len=" + lengthClass(t.text.length()));
        if (t.word && t.hasLetter && w.length() >= 4) {
            f.add("s3=" + w.substring(w.length() - 3));
            f.add("s2=" + w.substring(w.length() - 2));
            f.add("p3=" + w.substring(0, 3));
        }
        if (t.sentenceStart) {
            f.add("ss|sh=" + sh);
        }
        if (t.lineStart) {
            f.add("ls|sh=" + sh);
        }
        f.add("w-1=" + p.word(i - 1));
        f.add("w-2=" + p.word(i - 2));
        f.add("w+1=" + p.word(i + 1));
        f.add("w+2=" + p.word(i + 2));
        f.add("sh-1=" + p.shape(i - 1));
        f.add("sh+1=" + p.shape(i + 1));
        f.add("g-1=" + p.gaz(i - 1));
        f.add("g+1=" + p.gaz(i + 1));
        f.add("g-2=" + p.gaz(i - 2));
        f.add("g+2=" + p.gaz(i + 2));
        f.add("w-1|w=" + p.word(i - 1) + "|" + w);
        f.add("w|w+1=" + w + "|" + p.word(i + 1));
        f.add("w-2|w-1=" + p.word(i - 2) + "|" + p.word(i - 1));
        f.add("w+1|w+2=" + p.word(i + 1) + "|" + p.word(i + 2));
        f.add("w-1|sh=" + p.word(i - 1) + "|" + sh);
        f.add("sh|w+1=" + sh + "|" + p.word(i + 1));
        f.add("sh-1|sh|sh+1=" + p.shape(i - 1) + "|" + sh + "|" + p.shape(i + 1));
        f.add("g-1|g=" + p.gaz(i - 1) + "|" + gz);
        f.add("g|g+1=" + gz + "|" + p.gaz(i + 1));
        return f;
    }

    /** The base features plus those of the two tags before token {@code i}. */
    String[] withTags(List<String> base, Prepared p, int i, String prev, String prev2) {
        String[] f = base.toArray(new String[base.size() + 4]);
        System.arraycopy(tagFeatures(p, i, prev, prev2), 0, f, base.size(), 4);
        return f;
    }

    /** The features of the two tags before token {@code i}. */
    String[] tagFeatures(Prepared p, int i, String prev, String prev2) {
        return new String[] {"t-1=" + prev, "t-2|t-1=" + prev2 + "|" + prev, "t-1|sh=" + prev + "|" + p.shape[i],
                "t-1|g=" + prev + "|" + p.gaz[i]};
    }

    private String gazetteerFlags(Token t, boolean inPlacePhrase) {
        if (!t.word || t.hasDigit) {
            return t.word ? "num" : "p";
        }
        String b = t.base;
        StringBuilder s = new StringBuilder(8);
        if (g.isFirstName(b)) {
            s.append(g.isEnglishFirstName(b) ? 'E' : 'F');
        }
        if (g.isLastName(b)) {
            s.append('L');
        }
        if (g.isWord(b)) {
            s.append('W');
        }
        if (g.isCountry(b)) {
            s.append('C');
        } else if (g.isPlace(b)) {
            s.append('P');
        } else if (inPlacePhrase) {
            s.append('Q');
        }
        if (g.isNationality(b)) {
            s.append('N');
        }
        String plain = t.lower.replace(".", "");
        if (ProperNounDetector.ORG_SUFFIXES.contains(plain)) {
            s.append('O');
        }
        if (TITLES.contains(plain)) {
            s.append('T');
        }
        if (AddressDetector.STREET_WORDS.contains(plain) || AddressDetector.hasStreetSuffix(t.lower)) {
            s.append('S');
        }
        return s.length() == 0 ? "0" : s.toString();
    }

    /** Tokens inside a known place of two to four words ("new york", "rio de janeiro"). */
    private boolean[] placePhrases(Text text) {
        List<Token> tokens = text.tokens;
        boolean[] in = new boolean[tokens.size()];
        int max = Math.min(g.maxPlaceWords(), 4);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).hasLetter) {
                continue;
            }
            for (int len = max; len >= 2; len--) {
                if (i + len > tokens.size()) {
                    continue;
                }
                b.setLength(0);
                boolean ok = true;
                for (int k = i; k < i + len && ok; k++) {
                    Token t = tokens.get(k);
                    ok = t.word && (k == i || !t.lineStart);
                    if (k > i) {
                        b.append(' ');
                    }
                    b.append(k == i + len - 1 ? t.base : t.lower);
                }
                if (ok && g.isPlace(b.toString())) {
                    for (int k = i; k < i + len; k++) {
                        in[k] = true;
                    }
                    break;
                }
            }
        }
        return in;
    }

    private static String digitsToZero(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (Character.isDigit(c[i])) {
                c[i] = '0';
            }
        }
        return new String(c);
    }

    static String shape(String s) {
        StringBuilder b = new StringBuilder(6);
        char last = 0;
        int run = 0;
        for (int i = 0; i < s.length() && b.length() < 8; i++) {
            char c = s.charAt(i);
            char k = Character.isUpperCase(c) ? 'X' : Character.isLetter(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
            if (k == last) {
                if (++run > 1) {
                    continue;
                }
            } else {
                run = 0;
            }
            b.append(k);
            last = k;
        }
        // collapse "xx" runs to one: "Xx", "XX" stays for all caps of two or more
        String r = b.toString();
        return r.replace("xx", "x").replace("dd", "d");
    }

    private static String lengthClass(int n) {
        return n <= 3 ? Integer.toString(n) : n <= 5 ? "4-5" : n <= 8 ? "6-8" : "9+";
    }
}
