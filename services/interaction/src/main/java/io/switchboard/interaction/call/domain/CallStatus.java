package io.switchboard.interaction.call.domain;

import io.switchboard.events.WireEnum;

/** The call statuses this service produces, spelled as the Apps API answers them (docs/api/calls.md#call-statuses). */
public enum CallStatus implements WireEnum {
    SELECTING("selecting"),
    QUEUED("queued"),
    ASSIGNED("assigned"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    FINISHED("finished"),
    FAILED("failed"),
    VOICEMAIL("voicemail"),
    VOICEMAIL_RECEIVED("voicemail_received");

    private final String value;

    CallStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public boolean isEnded() {
        return this == FINISHED || this == FAILED || this == VOICEMAIL_RECEIVED;
    }

    public static CallStatus of(String value) {
        return WireEnum.of(CallStatus.class, value);
    }
}
