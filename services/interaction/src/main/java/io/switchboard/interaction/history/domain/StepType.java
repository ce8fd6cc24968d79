package io.switchboard.interaction.history.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a recorded step is: a screen shown, or a choice, input or photo given on it. */
public enum StepType {
    SCREEN("screen"),
    CHOICE("choice"),
    INPUT("input"),
    PHOTO("photo");

    private final String value;

    StepType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<StepType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }
}
