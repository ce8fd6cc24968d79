package io.switchboard.redaction.detection;

/**
 * A custom entity's regular expression took more steps on a text than its budget allows (catastrophic
 * backtracking). Thrown rather than skipped: a skipped entity would leave its values unredacted.
 */
public final class RegexTooSlowException extends RuntimeException {
    public RegexTooSlowException(String label) {
        super("the regex of custom entity " + label + " exceeded its step budget");
    }
}
