package io.switchboard.interaction.routing.domain;

import io.switchboard.events.WireEnum;

public enum AssigneeType implements WireEnum {
    AGENT("agent"), VIRTUAL_AGENT("virtual_agent");

    private final String value;

    AssigneeType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
