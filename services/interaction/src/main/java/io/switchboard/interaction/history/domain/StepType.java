package io.switchboard.interaction.history.domain;

import io.switchboard.events.WireEnum;
import java.util.Optional;

/** What a recorded step is: a screen shown, or a choice, input or photo given on it. */
public enum StepType implements WireEnum {
    SCREEN("screen"),
    CHOICE("choice"),
    INPUT("input"),
    PHOTO("photo");

    private final String value;

    StepType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public static Optional<StepType> of(String value) {
        return WireEnum.find(StepType.class, value);
    }
}
