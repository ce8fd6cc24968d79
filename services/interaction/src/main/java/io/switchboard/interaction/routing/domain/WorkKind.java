package io.switchboard.interaction.routing.domain;

/** What waits for an agent. Calls go to humans only; chats may go to a virtual agent first. */
public enum WorkKind {
    CHAT("chat"), CALL("call");

    private final String value;

    WorkKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static WorkKind of(String value) {
        for (WorkKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown work kind " + value);
    }
}
