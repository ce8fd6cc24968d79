package io.switchboard.redaction.domain;

/**
 * A custom entity's regular expression read more characters than its budget allows on one text
 * (catastrophic backtracking). Names the entity's label only, never the text.
 */
public final class RegexTooSlowException extends RuntimeException {
    private final String label;

    public RegexTooSlowException(String label) {
        super("the regex of custom entity " + label + " exceeded its step budget", null, false, false);
        this.label = label;
    }

    public String label() {
        return label;
    }
}
