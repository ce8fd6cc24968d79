package io.switchboard.redaction.domain;

/**
 * The match-time guard of custom regular expressions: a {@link CharSequence} that counts every character
 * the regex engine reads and stops it with {@link RegexTooSlowException} once the budget is spent.
 * java.util.regex backtracks without limit, and a partner's pattern such as {@code (a+)+b} would otherwise
 * hold the consumer loop (every partner's pipeline) for minutes on one message.
 */
final class BoundedText implements CharSequence {
    /** Reads allowed per character of text, plus a fixed allowance: linear patterns stay far below it. */
    static final long STEPS_PER_CHAR = 2_000;
    static final long STEPS_BASE = 200_000;

    private final String value;
    private final int offset;
    private final int length;
    private final long[] budget;
    private final String label;

    static BoundedText of(String value, String label) {
        return new BoundedText(value, 0, value.length(), new long[] {STEPS_BASE + STEPS_PER_CHAR * value.length()}, label);
    }

    private BoundedText(String value, int offset, int length, long[] budget, String label) {
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
        return new BoundedText(value, offset + start, end - start, budget, label);
    }

    @Override
    public String toString() {
        return value.substring(offset, offset + length);
    }
}
