package io.switchboard.interaction.routing.domain;

public enum AssigneeType {
    AGENT("agent"), VIRTUAL_AGENT("virtual_agent");

    private final String value;

    AssigneeType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
