package io.switchboard.interaction.call.api;

import io.switchboard.events.WireTime;
import io.switchboard.events.media.MediaEvents;
import io.switchboard.interaction.call.domain.Call;
import io.switchboard.interaction.call.domain.CallParticipant;
import io.switchboard.interaction.call.domain.CallTransfer;
import io.switchboard.interaction.call.store.CallMedia;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The call object of the Apps API (docs/api/calls.md#the-call-object), field for field, plus two extensions:
 * {@code connecting_at} (ring time, docs/api/manager.md#metric-definitions) and {@code interaction_unique_id}.
 * What this service cannot know (menu and agent names, CSAT, VoIP provider, …) is null or the vendor's default.
 * {@code photos} and {@code videos} are those the media service announced for the call ({@code call_media}); each
 * {@code url} is the media service's download path (a GET redirects to a fresh pre-signed URL).
 */
public record CallView(long id, Long parentId, String lang, String callType, String status, String createdAt,
                       String queuedAt, String assignedAt, String connectedAt, String endsAt, String scheduledAt,
                       long waitDuration, long callDuration, long holdDuration, Integer rating, boolean hasFeedback,
                       String voipProvider, String outTicketId, String outTicketUrl, boolean verified,
                       String recordingUrl, String recordingPermission, String voicemailReason, String deflection,
                       String disconnectedBy, String failReason, String failDetails, String supportNumber,
                       MenuView selectedMenu, MenuPathView menuPath, AgentView agentInfo, EndUserView endUser,
                       List<PhotoView> photos, List<VideoView> videos, List<TransferView> transfers,
                       List<Object> deflectionDetails, List<ParticipantView> participants, String offerType,
                       List<Object> offerEvents, String answerType, String outboundNumber, String connectingAt,
                       String interactionUniqueId) {

    public record PhotoView(long id, String photoType, String url) {
    }

    public record VideoView(long id, String url) {
    }

    public record MenuView(long id, String name, Long parentId, Integer position, boolean deleted, boolean hidden,
                           String menuType, String outputMsg) {
    }

    public record MenuPathView(int itemsCount, String name, String materializedPath) {
    }

    public record AgentView(long id, String name, String firstName, String lastName, String agentNumber,
                            String avatarUrl) {
        static AgentView of(Long id) {
            return id == null ? null : new AgentView(id, null, null, null, null, null);
        }
    }

    public record EndUserView(Long id, String identifier, String outContactId) {
    }

    /** {@code target_type}, {@code to_team_id} and {@code to_number} are extensions (a team or an external number). */
    public record TransferView(long id, String status, String failReason, String createdAt, MenuPathView fromMenu,
                               MenuPathView toMenu, AgentView fromAgent, AgentView toAgent, String targetType,
                               Long toTeamId, String toNumber) {
    }

    public record ParticipantView(long id, String type, String status, long callId, Long userId, Long endUserId,
                                  Long callDuration, Long holdDuration, String connectedAt, String endedAt,
                                  String failReason) {
    }

    /** A call just created: nothing can be attached to it yet. */
    static CallView of(Call call) {
        return of(call, List.of());
    }

    static CallView of(Call call, List<CallMedia.Item> media) {
        Call.Details details = call.details();
        Call.Timeline times = call.times();
        Call.Outcome outcome = call.outcome();
        Long menuId = call.handling().menuId();
        return new CallView(call.id(), details.parentId(), details.lang(), call.type().label(), call.status().value(),
                time(details.createdAt()), time(times.queuedAt()), time(times.assignedAt()), time(times.connectedAt()),
                time(times.endedAt()), time(details.scheduledAt()), call.waitSeconds(), outcome.durationMillis() / 1000,
                times.holdMillis() / 1000, null, false, null, details.ticketId(), null, call.flags().verifiedCustomer(),
                outcome.recordingUrl(), details.recordingPermission(),
                outcome.voicemailReason() == null ? "not_voicemail" : outcome.voicemailReason(), "no_deflection",
                outcome.disconnectedBy(), outcome.failReason(), null, details.supportNumber(),
                menuId == null ? null : new MenuView(menuId, null, null, null, false, false, null, null),
                null, AgentView.of(call.handling().agentId()),
                details.endUserNumber() == null ? null : new EndUserView(null, details.endUserNumber(), null),
                media.stream().filter(m -> MediaEvents.PHOTO.equals(m.kind()))
                        .map(m -> new PhotoView(m.mediaId(), m.photoType(), MediaEvents.downloadPath(MediaEvents.PHOTO, m.mediaId()))).toList(),
                media.stream().filter(m -> MediaEvents.VIDEO.equals(m.kind()))
                        .map(m -> new VideoView(m.mediaId(), MediaEvents.downloadPath(MediaEvents.VIDEO, m.mediaId()))).toList(),
                call.transfers().stream().map(t -> transfer(t)).toList(), List.of(),
                call.participants().stream().map(p -> participant(call, p)).toList(), null, List.of(), null,
                details.outboundNumber(), time(times.connectingAt()), details.interactionUniqueId());
    }

    private static TransferView transfer(CallTransfer transfer) {
        return new TransferView(transfer.id(), "transferring", "nothing", time(transfer.createdAt()), null, null,
                AgentView.of(transfer.fromAgentId()), AgentView.of(transfer.toAgentId()), transfer.targetType(),
                transfer.toTeamId(), transfer.toNumber());
    }

    private static ParticipantView participant(Call call, CallParticipant p) {
        Long seconds = p.connectedAt() != null && p.endedAt() != null
                ? Duration.between(p.connectedAt(), p.endedAt()).toSeconds() : null;
        String failReason = "failed".equals(p.status()) ? call.outcome().failReason() : "nothing";
        return new ParticipantView(p.id(), p.type(), p.status(), call.id(), p.userId(), p.endUserId(), seconds, null,
                time(p.connectedAt()), time(p.endedAt()), failReason);
    }

    static String time(Instant instant) {
        return WireTime.format(instant);
    }
}
