package io.switchboard.redaction.detection;

import io.switchboard.redaction.detection.Text.Token;

import java.util.List;
import java.util.regex.Matcher;

/** A policy's custom entities: regex matches and whole-word phrase matches (case-insensitive). */
final class CustomEntityDetector implements Detector {
    /** Steps (character reads) a custom regex may take per character of text, plus a fixed allowance. */
    static final long STEPS_PER_CHAR = 2_000;
    static final long STEPS_BASE = 200_000;

    private final List<CustomEntity> entities;

    CustomEntityDetector(List<CustomEntity> entities) {
        this.entities = entities;
    }

    @Override
    public void detect(Text text, List<EntitySpan> out) {
        for (CustomEntity e : entities) {
            if (e.pattern() != null) {
                BoundedChars chars = new BoundedChars(text.value, STEPS_BASE + STEPS_PER_CHAR * text.value.length(), e.label());
                Matcher m = e.pattern().matcher(chars);
                while (m.find()) {
                    if (m.end() > m.start()) {
                        out.add(new EntitySpan(e.label(), m.start(), m.end(), e.score()));
                    }
                }
            } else {
                words(text, e, out);
            }
        }
    }

    private static void words(Text text, CustomEntity e, List<EntitySpan> out) {
        List<Token> tokens = text.tokens;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).word) {
                continue;
            }
            // longest phrase first: up to 8 tokens, joined by single spaces (punctuation kept as is)
            for (int n = Math.min(8, tokens.size() - i); n >= 1; n--) {
                Token last = tokens.get(i + n - 1);
                if (!last.word) {
                    continue;
                }
                StringBuilder b = new StringBuilder();
                for (int k = i; k < i + n; k++) {
                    Token t = tokens.get(k);
                    if (k > i && tokens.get(k - 1).end < t.start) {
                        b.append(' ');
                    }
                    b.append(t.lower);
                }
                String phrase = b.toString();
                boolean match = e.words().contains(phrase);
                int end = last.end;
                if (!match && n == 1 && !last.base.equals(last.lower) && e.words().contains(last.base)) {
                    match = true;
                    end = last.baseEnd();
                }
                if (match) {
                    out.add(new EntitySpan(e.label(), tokens.get(i).start, end, e.score()));
                    i += n - 1;
                    break;
                }
            }
        }
    }

    /** A CharSequence that counts reads and stops a runaway regex. */
    private static final class BoundedChars implements CharSequence {
        private final String value;
        private final int offset;
        private final int length;
        private final long[] budget;
        private final String label;

        BoundedChars(String value, long budget, String label) {
            this(value, 0, value.length(), new long[] {budget}, label);
        }

        private BoundedChars(String value, int offset, int length, long[] budget, String label) {
            this.value = value;
            this.offset = offset;
            this.length = length;
            this.budget = budget;
            this.label = label;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new RegexTooSlowException(label);
            }
            return value.charAt(offset + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BoundedChars(value, offset + start, end - start, budget, label);
        }

        @Override
        public String toString() {
            return value.substring(offset, offset + length);
        }
    }
}
