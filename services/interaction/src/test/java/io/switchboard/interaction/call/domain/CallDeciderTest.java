package io.switchboard.interaction.call.domain;

import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallCustomerFlagsUpdated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.CallEvents.CallResumed;
import io.switchboard.events.interaction.CallEvents.ParticipantAdded;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.events.interaction.CallEvents.TransferStarted;
import io.switchboard.events.interaction.CallEvents.VoicemailRecorded;
import io.switchboard.interaction.call.domain.CallCommand.Connect;
import io.switchboard.interaction.call.domain.CallCommand.CreateCall;
import io.switchboard.interaction.call.domain.CallCommand.DialThirdParty;
import io.switchboard.interaction.call.domain.CallCommand.End;
import io.switchboard.interaction.call.domain.CallCommand.Hold;
import io.switchboard.interaction.call.domain.CallCommand.Join;
import io.switchboard.interaction.call.domain.CallCommand.Leave;
import io.switchboard.interaction.call.domain.CallCommand.Queue;
import io.switchboard.interaction.call.domain.CallCommand.RecordVoicemail;
import io.switchboard.interaction.call.domain.CallCommand.Resume;
import io.switchboard.interaction.call.domain.CallCommand.Ring;
import io.switchboard.interaction.call.domain.CallCommand.StartTransfer;
import io.switchboard.interaction.call.domain.CallCommand.UpdateCustomerFlags;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Given events, when a command, then events or a rejection: no I/O, no framework. */
class CallDeciderTest {
    private static final long CALL = 1000;
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final List<Long> IDS = List.of(11L, 12L);
    private final DeciderSpec<CallCommand, Call, DomainEvent> spec = DeciderSpec.of(new CallDecider());

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static CreateCall inbound(String endUserNumber, Long menuId) {
        return new CreateCall(CALL, "Voice Inbound (API)", null, endUserNumber, null, null, null, null, null, menuId,
                null, null, null, IDS, T0);
    }

    private static CreateCall outbound(String agentEmail, Long agentId, String endUserNumber, String ticketId) {
        return new CreateCall(CALL, "Voice Outbound (API)", "en", endUserNumber, null, ticketId, agentId, agentEmail,
                "+1 555 0199", null, null, null, null, IDS, T0);
    }

    private static CreateCall ofType(String type, Long menuId, Long parentId, Instant scheduledAt) {
        return new CreateCall(CALL, type, "en", "+1 555 0100", null, null, null, null, null, menuId, parentId, null,
                scheduledAt, IDS, T0);
    }

    private Call state(List<DomainEvent> events) {
        return spec.given(events).state();
    }

    @SafeVarargs
    private static List<DomainEvent> history(List<DomainEvent>... parts) {
        List<DomainEvent> all = new ArrayList<>();
        Arrays.stream(parts).forEach(all::addAll);
        return all;
    }

    /** Rejection with 409 naming the status, as the decider answers an impossible step. */
    private AbstractThrowableAssert<?, ? extends Throwable> illegal(CallCommand command, List<DomainEvent> given,
                                                                   String status) {
        return spec.given(given).when(command).thenIllegal(status);
    }

    private void invalid(CallCommand command, List<DomainEvent> given, String field, String message) {
        spec.given(given).when(command).thenInvalid(field, message);
    }

    // --- histories, written out (never produced by the decider under test) ------------------------

    /** An inbound call to menu 7 from +1 555 0100, queued at T0; participant 12 is its end user. */
    private static List<DomainEvent> created() {
        return List.of(new CallCreated(CALL, "Voice Inbound (API)", "queued", 7L, "en", "+1 555 0100", null, null,
                        null, null, "not_asked", null, T0, null, null, null),
                new ParticipantAdded(CALL, 12L, "end_user", "waiting", null, null, "+1 555 0100", T0),
                new CallQueued(CALL, 7L, T0));
    }

    /** Agent 21 is rung at t(10). */
    private static List<DomainEvent> ringing() {
        return history(created(), List.of(new CallConnecting(CALL, 21L, t(10))));
    }

    /** Agent 21 answers at t(20): the end user (12) and the agent's participant (13) join. */
    private static List<DomainEvent> connected() {
        return history(ringing(), List.of(new CallConnected(CALL, 21L, t(20)),
                new ParticipantJoined(CALL, 12L, "end_user", null, null, "+1 555 0100", t(20)),
                new ParticipantJoined(CALL, 13L, "agent", 21L, null, null, t(20))));
    }

    private static List<DomainEvent> onHold() {
        return history(connected(), List.of(new CallHeld(CALL, t(30))));
    }

    /** The agent hangs up at t(100). */
    private static List<DomainEvent> ended() {
        return history(connected(), List.of(new ParticipantLeft(CALL, 12L, t(100)), new ParticipantLeft(CALL, 13L, t(100)),
                new CallEnded(CALL, "finished", "disconnected_by_agent", "nothing", 80_000, 0, t(100))));
    }

    /** A new call of {@code type} from +1 555 0100 ({@code ofType}); participant 12 is its end user. */
    private static List<DomainEvent> createdAs(String label, String status, Long menuId, Instant scheduledAt) {
        return List.of(new CallCreated(CALL, label, status, menuId, "en", "+1 555 0100", null, null, null, null,
                        "not_asked", scheduledAt, T0, null, null, null),
                new ParticipantAdded(CALL, 12L, "end_user", "waiting", null, null, "+1 555 0100", T0));
    }

    private static List<DomainEvent> inIvr() {
        return createdAs("Voice Inbound (IVR)", "selecting", null, null);
    }

    private static List<DomainEvent> scheduled(Instant at) {
        return createdAs("Voice Scheduled (API)", "queued", 7L, at);
    }

    private static List<DomainEvent> voicemailCall() {
        return createdAs("Voice Voicemail (API)", "voicemail", 7L, null);
    }

    /** Agent 21 (participant 11) calls +1 555 0100 (participant 12). */
    private static List<DomainEvent> outboundCreated() {
        return List.of(new CallCreated(CALL, "Voice Outbound (API)", "assigned", null, "en", "+1 555 0100",
                        "+1 555 0199", 21L, null, null, "not_asked", null, T0, "ann@example.com", null, null),
                new ParticipantAdded(CALL, 11L, "agent", "waiting", 21L, null, null, T0),
                new ParticipantAdded(CALL, 12L, "end_user", "waiting", null, null, "+1 555 0100", T0));
    }

    @Nested
    class Create {
        @Test
        void anInboundCallIsCreatedQueuedWithItsEndUserWaiting() {
            var create = spec.when(inbound("+1 555 0100", 7L));
            create.then(
                    new CallCreated(CALL, "Voice Inbound (API)", "queued", 7L, "en", "+1 555 0100", null, null, null,
                            null, "not_asked", null, T0, null, null, null),
                    new ParticipantAdded(CALL, 12L, "end_user", "waiting", null, null, "+1 555 0100", T0),
                    new CallQueued(CALL, 7L, T0));
            assertThat(create.events()).as("the history the other tests start from").isEqualTo(created());
            Call call = create.thenState();
            assertThat(call.status()).isEqualTo(CallStatus.QUEUED);
            assertThat(call.times().queuedAt()).isEqualTo(T0);
            assertThat(call.isWaitingForAgent()).isTrue();
        }

        @Test
        void theDigitsAfterACommaInTheDialledNumberAreTheInteractionUniqueId() {
            List<DomainEvent> events = spec.given(List.of())
                    .when(new CreateCall(CALL, "IncomingCall", null, "1-800-123-4567,959595", null,
                    null, null, null, null, 7L, null, null, null, IDS, T0)).events();
            CallCreated created = (CallCreated) events.get(0);
            assertThat(created.endUserNumber()).isEqualTo("1-800-123-4567");
            assertThat(created.interactionUniqueId()).isEqualTo("959595");
            assertThat(created.callType()).as("deprecated alias").isEqualTo("Voice Inbound (API)");

            CallCreated viaDialled = (CallCreated) spec.given(List.of())
                    .when(new CreateCall(CALL, "Voice Inbound (API)", null, "+1 555 0100",
                    "1-800-555-0000,4242", null, null, null, null, 7L, null, null, null, IDS, T0)).events().get(0);
            assertThat(viaDialled.supportNumber()).isEqualTo("1-800-555-0000");
            assertThat(viaDialled.interactionUniqueId()).isEqualTo("4242");
        }

        @Test
        void anOutboundCallIsAssignedWithAgentAndEndUserWaiting() {
            var create = spec.when(outbound("ann@example.com", 21L, "+1 555 0100", null));
            create.then(
                    new CallCreated(CALL, "Voice Outbound (API)", "assigned", null, "en", "+1 555 0100", "+1 555 0199",
                            21L, null, null, "not_asked", null, T0, "ann@example.com", null, null),
                    new ParticipantAdded(CALL, 11L, "agent", "waiting", 21L, null, null, T0),
                    new ParticipantAdded(CALL, 12L, "end_user", "waiting", null, null, "+1 555 0100", T0));
            assertThat(create.thenState().times().assignedAt()).isEqualTo(T0);
            assertThat(outboundCreated()).isEqualTo(create.events());
        }

        @Test
        void aTicketWinsOverTheNumberOfAnOutboundCall() {
            CallCreated created = (CallCreated) spec.given(List.of())
                    .when(outbound("ann@example.com", null, "+1 555 0100", "T-9")).events().get(0);
            assertThat(created.ticketId()).isEqualTo("T-9");
            assertThat(created.endUserNumber()).isNull();
        }

        @Test
        void aScheduledCallWaitsForItsTimeBeforeItIsQueued() {
            var create = spec.when(ofType("ScheduledCall", 7L, null, t(3600)));
            assertThat(create.events()).isEqualTo(scheduled(t(3600)));
            Call call = create.thenState();
            assertThat(call.status()).isEqualTo(CallStatus.QUEUED);
            assertThat(call.times().queuedAt()).isNull();
            assertThat(call.details().scheduledAt()).isEqualTo(t(3600));
            assertThat(call.isWaitingForAgent()).isFalse();
        }

        @Test
        void aScheduledFollowUpOfAnEarlierCallNeedsNoMenu() {
            CallCreated created = (CallCreated) spec.given(List.of())
                    .when(ofType("Voice Scheduled (API)", null, 900L, t(60))).events().get(0);
            assertThat(created.parentId()).isEqualTo(900L);
            assertThat(created.menuId()).isNull();
        }

        @Test
        void ivrAndVoicemailCallsStartSelectingAndRecording() {
            var ivr = spec.when(ofType("Voice Inbound (IVR)", null, null, null));
            assertThat(ivr.events()).isEqualTo(inIvr());
            assertThat(ivr.thenState().status()).isEqualTo(CallStatus.SELECTING);
            var voicemail = spec.when(ofType("Voicemail", 7L, null, null));
            assertThat(voicemail.events()).isEqualTo(voicemailCall());
            assertThat(voicemail.thenState().status()).isEqualTo(CallStatus.VOICEMAIL);
        }

        @Test
        void theContractsValidationMessages() {
            invalid(ofType("Phone", 7L, null, null), List.of(), "call_type", "Invalid call type");
            invalid(ofType(null, 7L, null, null), List.of(), "call_type", "Missing parameter");
            invalid(new CreateCall(CALL, "IncomingCall", "xx", "+1 555 0100", null, null, null, null, null, 7L, null,
                    null, null, IDS, T0), List.of(), "lang", "Language 'xx' is not found");
            invalid(inbound(null, 7L), List.of(), "end_user_number", "end_user_number is required");
            invalid(inbound("call me", 7L), List.of(), "end_user_number", "end_user_number is not well formed");
            invalid(inbound("+1 555 0100,12ab", 7L), List.of(), "end_user_number", "end_user_number is not well formed");
            invalid(inbound("+1 555 0100", null), List.of(), "menu_id", "menu_id is required");
            invalid(ofType("ScheduledCall", null, null, t(60)), List.of(), "menu_id", "menu_id is required");
            invalid(ofType("ScheduledCall", 7L, null, null), List.of(), "scheduled_at", "scheduled_at is required");
            invalid(ofType("ScheduledCall", 7L, null, T0.minusSeconds(1)), List.of(), "scheduled_at",
                    "scheduled_at must be in the future");
            invalid(outbound(null, null, "+1 555 0100", null), List.of(), "agent_email", "Agent email required");
            invalid(outbound("not-an-email", null, "+1 555 0100", null), List.of(), "agent_email", "Not a valid agent email");
            invalid(outbound("ann@example.com", null, null, null), List.of(), "end_user_number",
                    "ticket_id or end_user_number required");
            invalid(outbound("ann@example.com", null, "abc", null), List.of(), "end_user_number",
                    "end_user_number is not well-formed");
            invalid(new CreateCall(CALL, "IncomingCall", null, "+1 555 0100", null, null, null, null, null, 7L, null,
                    "always", null, IDS, T0), List.of(), "recording_permission",
                    "recording_permission must be one of recording_permission_denied, recording_permission_granted, recording_permission_not_asked");
        }

        @Test
        void recordingPermissionIsAnsweredWithoutItsPrefix() {
            CallCreated created = (CallCreated) spec.given(List.of())
                    .when(new CreateCall(CALL, "IncomingCall", null, "+1 555 0100", null, null,
                    null, null, null, 7L, null, "recording_permission_granted", null, IDS, T0)).events().get(0);
            assertThat(created.recordingPermission()).isEqualTo("granted");
        }

        @Test
        void aCallIsCreatedOnlyOnce() {
            illegal(inbound("+1 555 0100", 7L), created(), "queued");
        }
    }

    @Nested
    class QueueAndRing {
        @Test
        void anIvrCallIsQueuedIntoAMenu() {
            List<DomainEvent> h = inIvr();
            spec.given(h).when(new Queue(8L, t(5), t(6))).then(new CallQueued(CALL, 8L, t(5)));
            invalid(new Queue(null, t(5), t(6)), h, "menu_id", "menu_id is required");
        }

        @Test
        void aScheduledCallIsQueuedAtItsTime() {
            List<DomainEvent> h = scheduled(t(3600));
            List<DomainEvent> queued = List.of(new CallQueued(CALL, 7L, t(3600)));
            spec.given(h).when(new Queue(null, null, t(3600))).then(queued.get(0));
            illegal(new Queue(null, null, t(3601)), history(h, queued), "queued").hasMessageContaining("can be queued");
        }

        @Test
        void anUnansweredRingGoesBackToTheQueueKeepingTheFirstQueueTime() {
            List<DomainEvent> h = ringing();
            Call call = spec.given(h).when(new Queue(null, t(15), t(15))).thenState();
            spec.given(h).when(new Queue(null, t(15), t(15))).then(new CallQueued(CALL, 7L, t(15)));
            assertThat(call.status()).isEqualTo(CallStatus.QUEUED);
            assertThat(call.times().queuedAt()).isEqualTo(T0);
        }

        @Test
        void aCallThatIsWaitingOrConnectedCannotBeQueued() {
            illegal(new Queue(7L, null, t(1)), created(), "queued").hasMessageContaining("can be queued");
            illegal(new Queue(7L, null, t(30)), connected(), "connected");
            illegal(new Queue(7L, null, t(30)), voicemailCall(), "voicemail");
        }

        @Test
        void ringingAQueuedCallConnectsAnAgent() {
            spec.given(created()).when(new Ring(21L, null, t(10))).then(new CallConnecting(CALL, 21L, t(10)));
            Call call = state(ringing());
            assertThat(call.status()).isEqualTo(CallStatus.CONNECTING);
            assertThat(call.times().assignedAt()).isEqualTo(t(10));
            assertThat(call.times().connectingAt()).isEqualTo(t(10));
        }

        @Test
        void anOutboundCallRingsItsOwnAgentsEndUser() {
            List<DomainEvent> h = outboundCreated();
            spec.given(h).when(new Ring(null, null, t(1))).then(new CallConnecting(CALL, 21L, t(1)));
            illegal(new Queue(7L, null, t(1)), h, "assigned");
        }

        @Test
        void impossibleRings() {
            illegal(new Ring(22L, null, t(11)), ringing(), "connecting");
            illegal(new Ring(22L, null, t(11)), inIvr(), "selecting");
            illegal(new Ring(22L, null, t(11)), scheduled(t(60)), "queued");
            illegal(new Ring(22L, null, t(200)), ended(), "finished").hasMessageContaining("ended");
            invalid(new Ring(null, null, t(11)), created(), "agent_id", "agent_id is required and must be a positive integer");
        }

        @Test
        void nothingHappensToACallThatDoesNotExist() {
            spec.when(new Ring(21L, null, t(1))).thenNotFound();
            spec.when(new Connect(21L, 13L, null, t(1))).thenNotFound();
        }
    }

    @Nested
    class Connecting {
        @Test
        void connectingJoinsTheEndUserAndTheAgent() {
            spec.given(ringing()).when(new Connect(null, 13L, t(20), t(21))).then(
                    new CallConnected(CALL, 21L, t(20)),
                    new ParticipantJoined(CALL, 12L, "end_user", null, null, "+1 555 0100", t(20)),
                    new ParticipantJoined(CALL, 13L, "agent", 21L, null, null, t(20)));
            Call call = state(connected());
            assertThat(call.status()).isEqualTo(CallStatus.CONNECTED);
            assertThat(call.waitSeconds()).isEqualTo(20);
            assertThat(call.participants()).extracting(CallParticipant::status).containsExactly("connected", "connected");
        }

        @Test
        void anOutboundCallsWaitingAgentParticipantIsTheOneThatJoins() {
            List<DomainEvent> h = outboundCreated();
            h = history(h, List.of(new CallConnecting(CALL, 21L, t(1))));
            List<DomainEvent> events = spec.given(h).when(new Connect(null, 99L, t(5), t(5))).events();
            assertThat(events).contains(new ParticipantJoined(CALL, 11L, "agent", 21L, null, null, t(5)));
        }

        @Test
        void connectBeforeQueueOrRingIsImpossible() {
            illegal(new Connect(21L, 13L, null, t(1)), created(), "queued");
            illegal(new Connect(21L, 13L, null, t(1)), inIvr(),
                    "selecting");
            illegal(new Connect(21L, 13L, null, t(30)), connected(), "connected");
            illegal(new Connect(21L, 13L, null, t(200)), ended(), "finished");
        }

        @Test
        void aProviderTimestampMayNotGoBackBeforeThePreviousStep() {
            invalid(new Connect(null, 13L, t(9), t(30)), ringing(), "at",
                    "at 2026-11-21T10:00:09Z is earlier than the previous step of the call (2026-11-21T10:00:10Z)");
        }

        @Test
        void withoutATimestampTheStepIsNeverBeforeThePreviousOne() {
            // The provider's clock ran ahead of ours: "now" would go back in time.
            List<DomainEvent> events = spec.given(ringing()).when(new Connect(null, 13L, null, t(5))).events();
            assertThat(((CallConnected) events.get(0)).connectedAt()).isEqualTo(t(10));
        }
    }

    @Nested
    class Holding {
        @Test
        void holdTimeAccumulatesAcrossHolds() {
            List<DomainEvent> h = onHold();
            spec.given(h).when(new Resume(t(40), t(40))).then(new CallResumed(CALL, t(40), 10_000));
            h = history(h, List.of(new CallResumed(CALL, t(40), 10_000)));
            spec.given(h).when(new Hold(t(50), t(50))).then(new CallHeld(CALL, t(50)));
            h = history(h, List.of(new CallHeld(CALL, t(50))));
            spec.given(h).when(new Resume(t(55), t(55))).then(new CallResumed(CALL, t(55), 15_000));
        }

        @Test
        void endingOnHoldCountsTheOpenHold() {
            List<DomainEvent> events = spec.given(onHold()).when(new End(null, null, t(45), t(45))).events();
            CallEnded ended = (CallEnded) events.get(events.size() - 1);
            assertThat(ended.holdDurationMillis()).isEqualTo(15_000);
            assertThat(ended.durationMillis()).isEqualTo(25_000);
        }

        @Test
        void holdAndResumeOnlyWhereTheyMakeSense() {
            illegal(new Hold(null, t(30)), ringing(), "connecting").hasMessageContaining("not connected");
            illegal(new Hold(null, t(31)), onHold(), "connected").hasMessageContaining("already on hold");
            illegal(new Resume(null, t(30)), connected(), "connected").hasMessageContaining("not on hold");
            illegal(new Resume(null, t(30)), created(), "queued");
            illegal(new Hold(null, t(200)), ended(), "finished");
        }
    }

    @Nested
    class Transfers {
        @Test
        void twoTransfersToAnAgentAndATeamAreBothKept() {
            List<DomainEvent> h = connected();
            List<DomainEvent> first = List.of(new TransferStarted(CALL, 501, "agent", 21L, 22L, null, null, t(30)));
            spec.given(h)
                    .when(new StartTransfer(501, "agent", 22L, null, null, t(30), t(30))).then(first);
            h = history(h, first);
            List<DomainEvent> second = List.of(new TransferStarted(CALL, 502, "team", 21L, null, 5L, null, t(40)));
            spec.given(h)
                    .when(new StartTransfer(502, "team", null, 5L, "+1 555 7777", t(40), t(40))).then(second);
            assertThat(state(history(h, second)).transfers()).extracting(CallTransfer::id).containsExactly(501L, 502L);
        }

        @Test
        void aTransferToAnExternalNumber() {
            spec.given(onHold())
                    .when(new StartTransfer(503, "external", null, null, "+44 20 7946 0000", null, t(30)))
                    .then(new TransferStarted(CALL, 503, "external", 21L, null, null, "+44 20 7946 0000", t(30)));
        }

        @Test
        void invalidAndImpossibleTransfers() {
            invalid(new StartTransfer(1, "queue", null, null, null, null, t(30)), connected(), "target_type",
                    "target_type must be one of agent, team, external");
            invalid(new StartTransfer(1, "agent", null, null, null, null, t(30)), connected(), "to_agent_id",
                    "to_agent_id is required and must be a positive integer");
            invalid(new StartTransfer(1, "team", null, null, null, null, t(30)), connected(), "to_team_id",
                    "to_team_id is required and must be a positive integer");
            invalid(new StartTransfer(1, "external", null, null, "nope", null, t(30)), connected(), "to_number",
                    "to_number is required and must be a well-formed phone number");
            illegal(new StartTransfer(1, "agent", 22L, null, null, null, t(30)), ringing(), "connecting");
            illegal(new StartTransfer(1, "agent", 22L, null, null, null, t(200)), ended(), "finished");
        }
    }

    @Nested
    class Participants {
        @Test
        void threeAgentsOverlapInAConference() {
            List<DomainEvent> h = connected();
            List<DomainEvent> second = List.of(new ParticipantJoined(CALL, 14L, "agent", 22L, null, null, t(30)));
            spec.given(h)
                    .when(new Join(null, "agent", 22L, null, null, 14L, t(30), t(30))).then(second);
            h = history(h, second);
            spec.given(h).when(new Join(null, "agent", 23L, null, null, 15L, t(35), t(35)))
                    .then(new ParticipantJoined(CALL, 15L, "agent", 23L, null, null, t(35)));
            h = history(h, List.of(new ParticipantJoined(CALL, 15L, "agent", 23L, null, null, t(35))));
            List<DomainEvent> left = List.of(new ParticipantLeft(CALL, 13L, t(40)));
            spec.given(h).when(new Leave(null, 21L, t(40), t(40))).then(left);
            h = history(h, left);
            h = history(h, List.of(new ParticipantLeft(CALL, 14L, t(50))));
            List<DomainEvent> end = List.of(new ParticipantLeft(CALL, 12L, t(60)),
                    new ParticipantLeft(CALL, 15L, t(60)),
                    new CallEnded(CALL, "finished", "disconnected_by_end_user", "nothing", 40_000, 0, t(60)));
            spec.given(h).when(new End("disconnected_by_end_user", null, t(60), t(60))).then(end);
            Call call = state(history(h, end));
            assertThat(call.participants()).extracting(CallParticipant::id, CallParticipant::connectedAt, CallParticipant::endedAt)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(12L, t(20), t(60)),
                            org.assertj.core.groups.Tuple.tuple(13L, t(20), t(40)),
                            org.assertj.core.groups.Tuple.tuple(14L, t(30), t(50)),
                            org.assertj.core.groups.Tuple.tuple(15L, t(35), t(60)));
        }

        @Test
        void aDialledThirdPartyJoinsAndLeaves() {
            List<DomainEvent> h = connected();
            List<DomainEvent> dialed = List.of(new ParticipantAdded(CALL, 16L, "third_party", "dialing", null, null,
                    "+1 555 0123", t(30)));
            spec.given(h)
                    .when(new DialThirdParty(21L, "ann@example.com", null, "+1 555 0123", 16L, t(30))).then(dialed);
            h = history(h, dialed);
            List<DomainEvent> joined = List.of(new ParticipantJoined(CALL, 16L, "third_party", null, null, "+1 555 0123", t(35)));
            spec.given(h)
                    .when(new Join(16L, null, null, null, null, 99L, t(35), t(35))).then(joined);
            h = history(h, joined);
            spec.given(h).when(new Leave(16L, null, t(45), t(45))).then(new ParticipantLeft(CALL, 16L, t(45)));
        }

        @Test
        void impossibleJoinsAndLeaves() {
            List<DomainEvent> h = connected();
            illegal(new Leave(77L, null, null, t(30)), h, "connected").hasMessageContaining("never joined");
            illegal(new Leave(null, 22L, null, t(30)), h, "connected").hasMessageContaining("never joined");
            List<DomainEvent> left = history(h, List.of(new ParticipantLeft(CALL, 13L, t(30))));
            illegal(new Leave(13L, null, null, t(31)), left, "connected").hasMessageContaining("already left");
            illegal(new Join(null, "agent", 21L, null, null, 14L, null, t(30)), h, "connected")
                    .hasMessageContaining("already on the call");
            illegal(new Join(12L, null, null, null, null, 14L, null, t(30)), h, "connected")
                    .hasMessageContaining("already joined");
            illegal(new Join(null, "agent", 22L, null, null, 14L, null, t(5)), ringing(), "connecting");
            illegal(new Leave(12L, null, null, t(200)), ended(), "finished");
            invalid(new Join(null, "robot", null, null, null, 14L, null, t(30)), h, "participant_type",
                    "participant_type must be one of agent, end_user, third_party");
            invalid(new Join(404L, null, null, null, null, 14L, null, t(30)), h, "participant_id",
                    "participant 404 is not a participant of this call");
            invalid(new Leave(null, null, null, t(30)), h, "participant_id",
                    "participant_id (or the agent's user_id) is required");
        }

        @Test
        void dialingNeedsAConnectedCallAndTheAgentOnIt() {
            illegal(new DialThirdParty(null, null, null, "+1 555 0123", 16L, t(5)), ringing(), "connecting");
            illegal(new DialThirdParty(null, null, null, "+1 555 0123", 16L, t(200)), ended(), "finished");
            invalid(new DialThirdParty(21L, "ann", null, "+1 555 0123", 16L, t(30)), connected(), "agent_email",
                    "Not a valid agent email");
            illegal(new DialThirdParty(99L, null, null, "+1 555 0123", 16L, t(30)), connected(), "connected")
                    .hasMessageContaining("agent 99 is not on this call");
            invalid(new DialThirdParty(21L, null, null, null, 16L, t(30)), connected(), "phone_number",
                    "phone_number is required and must be a well-formed phone number");
        }
    }

    @Nested
    class Ending {
        @Test
        void aCallThatConnectedFinishes() {
            List<DomainEvent> events = List.of(new ParticipantLeft(CALL, 12L, t(100)),
                    new ParticipantLeft(CALL, 13L, t(100)),
                    new CallEnded(CALL, "finished", "disconnected_by_agent", "nothing", 80_000, 0, t(100)));
            spec.given(connected())
                    .when(new End("disconnected_by_agent", null, t(100), t(100))).then(events);
            Call call = state(ended());
            assertThat(call.status()).isEqualTo(CallStatus.FINISHED);
            assertThat(call.times().endedAt()).isEqualTo(t(100));
            assertThat(call.participants()).extracting(CallParticipant::status).containsOnly("finished");
        }

        @Test
        void aCallThatNeverConnectedFails() {
            var abandoned = spec.given(created()).when(new End(null, "eu_abandoned", t(8), t(8)));
            assertThat(abandoned.events()).as("the waiting end user never joined, so never leaves").containsExactly(
                    new CallEnded(CALL, "failed", "disconnected_by_unknown", "eu_abandoned", 0, 0, t(8)));
            assertThat(abandoned.thenState().participants())
                    .extracting(CallParticipant::status, CallParticipant::connectedAt, CallParticipant::endedAt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("failed", null, t(8)));
            CallEnded unknown = (CallEnded) spec.given(created()).when(new End(null, null, null, t(8))).events().get(0);
            assertThat(unknown.failReason()).isEqualTo("unknown");
        }

        @Test
        void endValuesComeFromTheContractsEnumerations() {
            invalid(new End("the cat", null, null, t(100)), connected(), "disconnected_by",
                    "disconnected_by must be one of disconnected_by_unknown, disconnected_by_agent, disconnected_by_end_user, disconnected_by_third_party, disconnected_by_system");
            invalid(new End(null, "bored", null, t(100)), connected(), "fail_reason", "fail_reason 'bored' is not a call fail reason");
        }

        @Test
        void nothingHappensAfterTheEnd() {
            illegal(new End(null, null, null, t(200)), ended(), "finished").hasMessageContaining("has ended");
            illegal(new Queue(7L, null, t(200)), ended(), "finished");
        }
    }

    @Nested
    class Voicemail {
        @Test
        void aQueuedCallerLeavesAVoicemail() {
            var voicemail = spec.given(created())
                    .when(new RecordVoicemail("https://media.example.com/vm/1.wav", 42L, null, t(30), t(31)));
            voicemail.then(new VoicemailRecorded(CALL, "https://media.example.com/vm/1.wav", 42_000, t(30), "voicemail"),
                    new CallEnded(CALL, "voicemail_received", "disconnected_by_end_user", "nothing", 0, 0, t(30)));
            Call call = voicemail.thenState();
            assertThat(call.status()).isEqualTo(CallStatus.VOICEMAIL_RECEIVED);
            assertThat(call.outcome().recordingUrl()).isEqualTo("https://media.example.com/vm/1.wav");
        }

        @Test
        void aVoicemailCallRecordsItsVoicemail() {
            List<DomainEvent> h = voicemailCall();
            assertThat(spec.given(h).when(new RecordVoicemail("https://media.example.com/vm/2.wav", null, "after_hours",
                    null, t(9))).events())
                    .contains(new VoicemailRecorded(CALL, "https://media.example.com/vm/2.wav", 0, t(9), "after_hours"));
        }

        @Test
        void impossibleVoicemails() {
            illegal(new RecordVoicemail("https://m.example.com/1", null, null, null, t(30)), connected(), "connected");
            illegal(new RecordVoicemail("https://m.example.com/1", null, null, null, t(200)), ended(), "finished");
            List<DomainEvent> outbound = outboundCreated();
            illegal(new RecordVoicemail("https://m.example.com/1", null, null, null, t(1)), outbound, "assigned");
            invalid(new RecordVoicemail("not a url", null, null, null, t(30)), created(), "recording_url",
                    "recording_url is required and must be an absolute URL");
        }
    }

    @Nested
    class CustomerFlags {
        @Test
        void flagsChangeOnlyWhatIsGivenAndAlsoAfterTheEnd() {
            List<DomainEvent> h = ended();
            List<DomainEvent> events = List.of(new CallCustomerFlagsUpdated(CALL, true, false, true, t(300)));
            spec.given(h).when(new UpdateCustomerFlags(true, null, true, t(300))).then(events);
            assertThat(spec.given(history(h, events)).when(new UpdateCustomerFlags(true, false, null, t(301))).events())
                    .as("no change").isEmpty();
            invalid(new UpdateCustomerFlags(null, null, null, t(300)), h, "body",
                    "give at least one of verified_customer, bad_actor, repeat_customer");
            spec.when(new UpdateCustomerFlags(true, null, null, t(1))).thenNotFound();
        }
    }

    @Test
    void everyCommandIsDecided() {
        spec.given(connected()).everyCommandIsDecided(CallCommand.class);
    }
}
