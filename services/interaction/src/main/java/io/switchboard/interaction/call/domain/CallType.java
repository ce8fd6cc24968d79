package io.switchboard.interaction.call.domain;

import io.switchboard.events.WireEnum;
import java.util.List;

/**
 * The call types a caller can create. The first three are the Apps API's (with their deprecated
 * aliases); {@code Voice Inbound (IVR)} and {@code Voice Voicemail (API)} are this service's extensions
 * for the telephony integration: a caller still in the IVR, and a caller sent straight to voicemail.
 */
public enum CallType implements WireEnum {
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

    /** The label is the type's wire spelling. */
    public String label() {
        return label;
    }

    @Override
    public String value() {
        return label;
    }

    /** The label or a deprecated alias. */
    @Override
    public boolean isSpelled(String text) {
        return label.equals(text) || aliases.contains(text);
    }

    public CallStatus initialStatus() {
        return initialStatus;
    }

    /** The type named by a label or a deprecated alias; null if none matches. */
    public static CallType parse(String value) {
        return WireEnum.find(CallType.class, value).orElse(null);
    }

    public static CallType ofLabel(String label) {
        return WireEnum.of(CallType.class, label);
    }
}
