package io.switchboard.interaction.history.domain;

import io.switchboard.events.WireEnum;

/** An interaction is active from its start until it ends; an ended one takes no more steps. */
public enum InteractionStatus implements WireEnum {
    ACTIVE("active"),
    ENDED("ended");

    private final String value;

    InteractionStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
