package io.switchboard.reporting.calls;

import io.switchboard.reporting.directory.BasicMenu;
import io.switchboard.reporting.directory.MenuPath;
import io.switchboard.reporting.directory.UserRef;
import io.switchboard.reporting.media.Photo;
import io.switchboard.reporting.media.Video;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A call (docs/api/manager.md#call-object, #call-nested-objects) with the call-segment metrics
 * (docs/api/manager.md#call-segment-metrics: seconds with millisecond precision, null where a segment does
 * not apply). Durations ({@code *_duration}) are whole seconds. {@code assignedAt} is when the call started
 * ringing at an agent. {@code deflectionDetails} and {@code offerEvents} are always empty: no event carries them.
 */
public record Call(
        long id,
        Long parentId,
        String lang,
        String callType,
        String status,
        Instant createdAt,
        Instant queuedAt,
        Instant assignedAt,
        Instant connectedAt,
        Instant endsAt,
        Instant scheduledAt,
        Instant updatedAt,
        Long waitDuration,
        Long queueDuration,
        Long callDuration,
        Long holdDuration,
        String recordingUrl,
        String recordingPermission,
        String voicemailReason,
        String disconnectedBy,
        String failReason,
        String outboundNumber,
        BasicMenu selectedMenu,
        MenuPath menuPath,
        UserRef agentInfo,
        CallEndUser endUser,
        BigDecimal billingTime,
        BigDecimal callTime,
        BigDecimal ivrTime,
        BigDecimal queueTime,
        BigDecimal waitTime,
        BigDecimal handleTime,
        BigDecimal ringTime,
        BigDecimal talkTime,
        BigDecimal holdTime,
        BigDecimal conferenceTime,
        BigDecimal thirdPartyTalkTime,
        List<Photo> photos,
        List<Video> videos,
        List<CallTransfer> transfers,
        List<CallParticipant> participants,
        List<Object> deflectionDetails,
        List<Object> offerEvents) {

    /** The end user of a call: the id the telephony side gave it (no identifier is captured for calls). */
    public record CallEndUser(long id, String identifier, String outContactId) {
    }
}
