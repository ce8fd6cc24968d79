package io.switchboard.chat.domain;

import io.switchboard.eventstore.decider.CommandRejectedException;

/** A message {@code Idempotency-Key} the chat has seen came with another message (the API answers 422). */
public class MessageKeyReusedException extends CommandRejectedException {
    private final String key;

    public MessageKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for another message of this chat");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
