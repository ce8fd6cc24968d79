package io.switchboard.interaction.call.domain;

/**
 * The call statuses this service produces, spelled as the Apps API answers them
 * (docs/api/calls.md#call-statuses).
 */
public enum CallStatus {
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

    public String value() {
        return value;
    }

    public boolean isEnded() {
        return this == FINISHED || this == FAILED || this == VOICEMAIL_RECEIVED;
    }

    public static CallStatus of(String value) {
        for (CallStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown call status " + value);
    }
}
