package io.switchboard.interaction.routing.domain;

import io.switchboard.events.WireEnum;

/**
 * The kinds of work an agent does: what waits for an agent (routing: calls go to humans only, chats may go
 * to a virtual agent first) and what keeps an agent busy (agent status).
 */
public enum WorkKind implements WireEnum {
    CHAT("chat"), CALL("call");

    private final String value;

    WorkKind(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public static WorkKind of(String value) {
        return WireEnum.of(WorkKind.class, value);
    }

    /** The key of one piece of work among an agent's: {@code call:12}. */
    public String key(long workId) {
        return prefix() + workId;
    }

    /** What every key of this kind starts with. */
    public String prefix() {
        return value + ":";
    }
}
