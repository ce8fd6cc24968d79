package io.switchboard.redaction.domain;

import io.switchboard.events.WireEnum;

/**
 * How a redacted entity is written into the text (the redaction policy's {@code mask_style}). The same four
 * styles as the detection package's, so the policy maps one to one.
 */
public enum MaskStyle implements WireEnum {
    /** {@code ****NAME****}: the type between four asterisks on each side (the default, as the vendor shows it). */
    LABEL("label"),
    /** {@code [NAME]}. */
    BRACKETS("brackets"),
    /** {@code ****}: hides even the type. */
    STARS("stars"),
    /** As many asterisks as the value had characters: the text keeps its length and its offsets. */
    SAME_LENGTH("same_length");

    private final String value;

    MaskStyle(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public String mask(String type, int length) {
        return switch (this) {
            case LABEL -> "****" + type + "****";
            case BRACKETS -> "[" + type + "]";
            case STARS -> "****";
            case SAME_LENGTH -> "*".repeat(Math.max(length, 1));
        };
    }
}
