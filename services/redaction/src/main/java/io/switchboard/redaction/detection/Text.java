package io.switchboard.redaction.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text prepared once for every detector: its tokens (words — letters and digits, with inner
 * apostrophes, hyphens and dots of initials kept — and single punctuation characters), each with its
 * offsets, lower-case form and shape.
 */
final class Text {
    final String value;
    final List<Token> tokens;
    /** True when the text has no upper-case letter at all (lower-cased chat: capitals tell nothing). */
    final boolean lowerCased;

    Text(String value) {
        this.value = value;
        this.tokens = tokenize(value);
        boolean upper = false;
        for (int i = 0; i < value.length() && !upper; i++) {
            upper = Character.isUpperCase(value.charAt(i));
        }
        this.lowerCased = !upper;
    }

    static final class Token {
        final int index;
        final int start;
        final int end;
        final String text;
        final String lower;
        /** Without a trailing possessive {@code 's}. */
        final String base;
        final boolean word;
        final boolean hasDigit;
        final boolean hasLetter;
        final boolean capitalized;
        final boolean allCaps;
        /** First token of the text, of a line, or after sentence-ending punctuation. */
        boolean sentenceStart;
        /** A line break lies between this token and the previous one. */
        boolean lineStart;

        Token(int index, int start, int end, String text) {
            this.index = index;
            this.start = start;
            this.end = end;
            this.text = text;
            this.lower = text.toLowerCase(Locale.ROOT);
            String b = lower;
            if (b.length() > 2 && (b.endsWith("'s") || b.endsWith("\u2019s"))) {
                b = b.substring(0, b.length() - 2);
            }
            this.base = b;
            boolean digit = false, letter = false, upperFirst = false, lowerAny = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isDigit(c)) {
                    digit = true;
                } else if (Character.isLetter(c)) {
                    if (!letter) {
                        upperFirst = Character.isUpperCase(c);
                    }
                    letter = true;
                    if (Character.isLowerCase(c)) {
                        lowerAny = true;
                    }
                }
            }
            this.word = letter || digit;
            this.hasDigit = digit;
            this.hasLetter = letter;
            this.capitalized = letter && upperFirst && Character.isLetter(text.charAt(0));
            this.allCaps = letter && !lowerAny;
        }

        boolean isPunct(char c) {
            return !word && text.length() == 1 && text.charAt(0) == c;
        }

        int baseEnd() {
            return base.length() < lower.length() ? end - 2 : end;
        }

        @Override
        public String toString() {
            return "Token[" + start + ", " + end + "]";
        }
    }

    Token token(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    String lower(int i) {
        Token t = token(i);
        return t == null ? "" : t.lower;
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        boolean newline = true;
        boolean sentence = true;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                if (c == '\n' || c == '\r') {
                    newline = true;
                    sentence = true;
                }
                i++;
                continue;
            }
            int start = i;
            if (isWordChar(c)) {
                i++;
                while (i < n) {
                    char d = s.charAt(i);
                    if (isWordChar(d)) {
                        i++;
                    } else if ((d == '\'' || d == '\u2019' || d == '-') && i + 1 < n && isWordChar(s.charAt(i + 1))
                            && Character.isLetterOrDigit(s.charAt(i - 1))) {
                        i += 2;
                    } else {
                        break;
                    }
                }
                // an initial: a single capital letter followed by a dot ("K.")
                if (i - start == 1 && Character.isUpperCase(c) && i < n && s.charAt(i) == '.') {
                    i++;
                }
            } else {
                i++;
            }
            Token t = new Token(out.size(), start, i, s.substring(start, i));
            t.lineStart = newline;
            t.sentenceStart = sentence;
            out.add(t);
            newline = false;
            sentence = !t.word && (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '>'
                    || c == '(' || c == '\u201c') || (sentence && !t.word);
        }
        return out;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }
}
