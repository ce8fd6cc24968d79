package io.switchboard.redaction.detection;

/** The text to redact is longer than the policy allows ({@link RedactionPolicy#maxTextLength()}). */
public final class TextTooLongException extends IllegalArgumentException {
    private final int length;
    private final int limit;

    public TextTooLongException(int length, int limit) {
        super("text of " + length + " characters is longer than the limit of " + limit);
        this.length = length;
        this.limit = limit;
    }

    public int length() {
        return length;
    }

    public int limit() {
        return limit;
    }
}
