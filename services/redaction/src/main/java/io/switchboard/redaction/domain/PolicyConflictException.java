package io.switchboard.redaction.domain;

/**
 * A policy change that the partner's current definitions do not allow (HTTP 409, naming the field): a label
 * or intent name already used, or the partner's limit of custom entities or intents reached.
 */
public final class PolicyConflictException extends RuntimeException {
    /** At most this many custom entities per partner (each one runs on every message). */
    public static final int MAX_CUSTOM_ENTITIES = 50;
    /** At most this many intents per partner. */
    public static final int MAX_INTENTS = 100;

    private final String field;

    public PolicyConflictException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
