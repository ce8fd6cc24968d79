package io.switchboard.interaction.history.domain;

/** An interaction is active from its start until it ends; an ended one takes no more steps. */
public enum InteractionStatus {
    ACTIVE("active"),
    ENDED("ended");

    private final String value;

    InteractionStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
