package io.switchboard.redaction.detection;

/** How a redacted span is written in the redacted text. */
public enum MaskStyle {
    /** {@code ****NAME****}: the type label between four asterisks (the default). */
    LABEL,
    /** {@code [NAME]}. */
    BRACKETS,
    /** {@code ****}: four asterisks, hiding even the type. */
    STARS,
    /** As many asterisks as the value had characters (keeps the text's length and offsets). */
    SAME_LENGTH;

    String mask(String type, int length) {
        return switch (this) {
            case LABEL -> "****" + type + "****";
            case BRACKETS -> "[" + type + "]";
            case STARS -> "****";
            case SAME_LENGTH -> "*".repeat(length);
        };
    }
}
