package io.switchboard.web;

/**
 * An {@code Idempotency-Key} was sent again with a different request body (HTTP 422, as the IETF
 * idempotency-key draft says); nothing is written.
 */
public class IdempotencyKeyReusedException extends RuntimeException {
    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used with a different request", null, false, false);
    }
}
