package io.switchboard.interaction.agentstatus.domain;

public enum WorkType {
    CALL, CHAT;

    public String value() {
        return name().toLowerCase();
    }

    String prefix() {
        return value() + ":";
    }

    String key(long workId) {
        return prefix() + workId;
    }
}
