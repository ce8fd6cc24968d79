package io.switchboard.interaction.routing.domain;

import io.switchboard.events.WireEnum;

/** Why a piece of work asks to be routed; for chats this is ChatRouted's {@code trigger}. */
public enum Trigger implements WireEnum {
    /** A new chat. */
    CREATED("created"),
    /** A virtual agent's chat asks for a human. */
    ESCALATED("escalated"),
    /** The agent who claimed the chat gave it back. */
    RELEASED("released"),
    /** A call entered the queue. */
    QUEUED("queued");

    private final String value;

    Trigger(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public static Trigger of(String value) {
        return WireEnum.of(Trigger.class, value);
    }

    /** Only a new chat may go to a virtual agent; escalations and releases want a person. */
    public boolean humanOnly() {
        return this != CREATED;
    }
}
