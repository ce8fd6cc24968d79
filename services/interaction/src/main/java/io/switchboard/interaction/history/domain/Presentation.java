package io.switchboard.interaction.history.domain;

import io.switchboard.events.WireEnum;
import java.util.Optional;

/**
 * The kinds of screen element of the page model (docs/api/interaction-history.md#page-model) and which step answers each:
 * a choice selects, an input types text, a photo uploads an image.
 */
public enum Presentation implements WireEnum {
    CLICK_TO_CONTINUE("clickToContinue", StepType.CHOICE),
    CHOICE_OPTION("choiceOption", StepType.CHOICE),
    CHOICE_SWITCH("choiceSwitch", StepType.CHOICE),
    SELECT_FROM_LIST("selectFromList", StepType.CHOICE),
    TEXT_INPUT("textInput", StepType.INPUT),
    UPLOAD_IMAGE_LIST("uploadImageList", StepType.PHOTO);

    private final String value;
    private final StepType answeredBy;

    Presentation(String value, StepType answeredBy) {
        this.value = value;
        this.answeredBy = answeredBy;
    }

    @Override
    public String value() {
        return value;
    }

    public StepType answeredBy() {
        return answeredBy;
    }

    public static Optional<Presentation> of(String value) {
        return WireEnum.find(Presentation.class, value);
    }
}
