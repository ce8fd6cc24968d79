package io.switchboard.chat.domain;

import io.switchboard.events.WireEnum;

/**
 * The machine status of a chat, with the human-readable {@code status_text}: Switchboard's own set (the
 * vendor publishes no enumeration; what is known and why these values: docs/api/chat.md#chat-statuses).
 */
public enum ChatStatus implements WireEnum {
    QUEUED("queued", "Waiting for an agent"),
    VA_ASSIGNED("va_assigned", "Assigned to a virtual agent"),
    ASSIGNED("assigned", "Assigned to an agent"),
    FINISHED("finished", "Finished"),
    DISMISSED("dismissed", "Dismissed"),
    TIMED_OUT("timed_out", "Timed out in queue");

    private final String value;
    private final String text;

    ChatStatus(String value, String text) {
        this.value = value;
        this.text = text;
    }

    @Override
    public String value() {
        return value;
    }

    public String text() {
        return text;
    }

    public static ChatStatus of(String value) {
        return WireEnum.of(ChatStatus.class, value);
    }
}
