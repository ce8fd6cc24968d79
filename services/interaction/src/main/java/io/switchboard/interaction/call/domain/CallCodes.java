package io.switchboard.interaction.call.domain;

import java.util.List;
import java.util.Map;

/** The enumerations of the call object that callers may send (docs/api/manager.md#fail-reasons,
 * #other-call-enumerations). */
public final class CallCodes {
    /** The call fail-reason code names (docs/api/manager.md#fail-reasons, complete); {@code nothing} means it did not fail. */
    public static final List<String> FAIL_REASONS = List.of("nothing", "unknown", "expired", "transfer_expired",
            "eu_canceled", "eu_rejected", "eu_abandoned", "eu_in_menu_abandoned", "eu_repeated_voicemail",
            "eu_repeated_callback", "eu_busy", "eu_wrong_number", "eu_no_answer", "eu_noti_failed", "ag_canceled",
            "ag_ignored", "ag_mic_no_device", "ag_mic_denied", "voip_twilio_error", "voip_tokbox_error",
            "voip_invalid_token", "voip_conn_general", "voip_conn_timeout", "voip_conn_signal", "voip_nexmo_error",
            "stuck_due_to_api_error", "group_deleted_no_substitute", "menu_deleted",
            "direct_pstn_call_to_fallback_number");

    /**
     * {@code disconnected_by} values. The vendor documents only {@code disconnected_by_unknown} and the
     * shared prefix; the agent, end-user, third-party and system variants follow that prefix.
     */
    public static final List<String> DISCONNECTED_BY = List.of("disconnected_by_unknown", "disconnected_by_agent",
            "disconnected_by_end_user", "disconnected_by_third_party", "disconnected_by_system");

    /** Request values of {@code recording_permission} → the response value. */
    public static final Map<String, String> RECORDING_PERMISSIONS = Map.of(
            "recording_permission_not_asked", "not_asked",
            "recording_permission_denied", "denied",
            "recording_permission_granted", "granted");

    public static final List<String> TRANSFER_TARGETS = List.of("agent", "team", "external");

    private CallCodes() {
    }
}
