package io.switchboard.interaction.call.domain;

import java.util.List;

/**
 * The call types a caller can create. The first three are the Apps API's (with their deprecated
 * aliases); {@code Voice Inbound (IVR)} and {@code Voice Voicemail (API)} are this service's extensions
 * for the telephony integration: a caller still in the IVR, and a caller sent straight to voicemail.
 */
public enum CallType {
    OUTBOUND("Voice Outbound (API)", List.of("OutboundCall"), CallStatus.ASSIGNED),
    INBOUND("Voice Inbound (API)", List.of("IncomingCall"), CallStatus.QUEUED),
    SCHEDULED("Voice Scheduled (API)", List.of("ScheduledCall"), CallStatus.QUEUED),
    IVR("Voice Inbound (IVR)", List.of(), CallStatus.SELECTING),
    VOICEMAIL("Voice Voicemail (API)", List.of("Voicemail"), CallStatus.VOICEMAIL);

    private final String label;
    private final List<String> aliases;
    private final CallStatus initialStatus;

    CallType(String label, List<String> aliases, CallStatus initialStatus) {
        this.label = label;
        this.aliases = aliases;
        this.initialStatus = initialStatus;
    }

    public String label() {
        return label;
    }

    public CallStatus initialStatus() {
        return initialStatus;
    }

    /** The type named by a label or a deprecated alias; null if none matches. */
    public static CallType parse(String value) {
        for (CallType type : values()) {
            if (type.label.equals(value) || type.aliases.contains(value)) {
                return type;
            }
        }
        return null;
    }

    public static CallType ofLabel(String label) {
        CallType type = parse(label);
        if (type == null) {
            throw new IllegalArgumentException("unknown call type " + label);
        }
        return type;
    }
}
