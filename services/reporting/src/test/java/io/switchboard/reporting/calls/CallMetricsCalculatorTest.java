package io.switchboard.reporting.calls;

import io.switchboard.reporting.calls.CallFacts.Participant;
import io.switchboard.reporting.calls.CallFacts.Transfer;
import io.switchboard.reporting.calls.CallMetrics.TransferTime;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CallMetricsCalculatorTest {

    private static Instant at(String hhmmss) {
        return Instant.parse("2026-11-21T10:" + hhmmss + "Z");
    }

    private static BigDecimal s(String seconds) {
        return new BigDecimal(seconds);
    }

    /**
     * Inbound call: IVR, queue, ring; two holds (20 s + 25 s); a transfer to agent 8 and a team transfer
     * from agent 8 reaching agent 9; three agents overlapping and a third party joining for a minute.
     */
    private static CallFacts conferencedInboundCall() {
        return new CallFacts(false,
                at("00:00.000"), at("00:30.250"), at("01:00.000"), at("01:05.500"), at("11:05.500"),
                600_000L, 45_000L,
                List.of(
                        new Participant(1, "end_user", null, null, at("01:05.500"), at("11:05.500")),
                        new Participant(2, "agent", 7L, null, at("01:05.500"), at("06:05.500")),
                        new Participant(3, "agent", 8L, null, at("03:00.000"), at("09:00.000")),
                        new Participant(4, "agent", 9L, null, at("05:00.000"), null),
                        new Participant(5, "third_party", null, "+15550100", at("07:00.000"), at("08:00.000"))),
                List.of(
                        new Transfer(21, "agent", 7L, 8L, null, at("02:50.000")),
                        new Transfer(22, "team", 8L, null, null, at("04:30.000"))));
    }

    @Test
    void segmentsOfAnInboundCallFollowTheMetricDefinitions() {
        CallMetrics m = CallMetricsCalculator.compute(conferencedInboundCall());

        assertEquals(s("665.500"), m.billingTime());
        assertEquals(s("665.500"), m.callTime());
        assertEquals(s("30.250"), m.ivrTime());
        assertEquals(s("35.250"), m.queueTime());
        assertEquals(s("35.250"), m.waitTime());
        assertEquals(s("600.000"), m.handleTime());
        assertEquals(s("5.500"), m.ringTime());
    }

    @Test
    void talkTimeIsDurationMinusTheSumOfAllHolds() {
        CallMetrics m = CallMetricsCalculator.compute(conferencedInboundCall());

        assertEquals(s("45.000"), m.holdTime());
        assertEquals(s("555.000"), m.talkTime());
    }

    @Test
    void eachTransferEndsWhenItsTargetParticipantConnects() {
        CallMetrics m = CallMetricsCalculator.compute(conferencedInboundCall());

        // 02:50 → agent 8 connects 03:00; team transfer 04:30 → first other agent joining after it (9) at 05:00.
        assertEquals(List.of(new TransferTime(21, s("10.000")), new TransferTime(22, s("30.000"))),
                m.transferTimes());
    }

    @Test
    void conferenceTimeIsTheUnionOfMomentsWithTwoOrMoreAgentsNotTheSumOfPairs() {
        CallMetrics m = CallMetricsCalculator.compute(conferencedInboundCall());

        // A 01:05.5–06:05.5, B 03:00–09:00, C 05:00–11:05.5 (open, ends with the call):
        // ≥2 agents from 03:00 to 09:00 = 360 s; the pairwise sum would be 185.5 + 65.5 + 240 = 491 s.
        assertEquals(s("360.000"), m.conferenceTime());
    }

    @Test
    void thirdPartyTalkTimeIsTheOverlapOfThirdPartiesWithAgents() {
        CallMetrics m = CallMetricsCalculator.compute(conferencedInboundCall());

        assertEquals(s("60.000"), m.thirdPartyTalkTime());
    }

    @Test
    void thirdPartyTimeCountsOnlyWhileAnAgentIsOnTheLine() {
        CallFacts call = new CallFacts(false, at("00:00.000"), at("00:10.000"), null, at("00:20.000"),
                at("05:00.000"), 280_000L, 0L,
                List.of(new Participant(1, "agent", 7L, null, at("00:20.000"), at("02:00.000")),
                        new Participant(2, "third_party", null, "+1555", at("01:30.000"), at("04:00.000"))),
                List.of());

        CallMetrics m = CallMetricsCalculator.compute(call);

        assertEquals(s("30.000"), m.thirdPartyTalkTime());
        assertEquals(s("0.000"), m.conferenceTime());
        assertEquals(s("280.000"), m.talkTime());
        assertEquals(s("0.000"), m.holdTime());
    }

    @Test
    void outboundCallHasNoIvrAndNoQueueTime() {
        CallFacts call = new CallFacts(true, at("00:00.000"), null, at("00:00.100"), at("00:12.345"),
                at("02:00.000"), 107_655L, 0L, List.of(), List.of());

        CallMetrics m = CallMetricsCalculator.compute(call);

        assertNull(m.ivrTime());
        assertNull(m.queueTime());
        assertNull(m.waitTime());
        assertEquals(s("12.245"), m.ringTime());
        assertEquals(s("107.655"), m.handleTime());
        assertEquals(s("120.000"), m.callTime());
    }

    @Test
    void callAbandonedInQueueHasNoHandleTalkHoldOrConferenceTime() {
        CallFacts call = new CallFacts(false, at("00:00.000"), at("00:15.000"), null, null, at("01:15.000"),
                0L, 0L, List.of(new Participant(1, "end_user", null, null, at("00:00.000"), at("01:15.000"))),
                List.of());

        CallMetrics m = CallMetricsCalculator.compute(call);

        assertEquals(s("75.000"), m.billingTime());
        assertEquals(s("15.000"), m.ivrTime());
        assertNull(m.queueTime());
        assertNull(m.handleTime());
        assertNull(m.ringTime());
        assertNull(m.talkTime());
        assertNull(m.holdTime());
        assertNull(m.conferenceTime());
        assertNull(m.thirdPartyTalkTime());
    }

    @Test
    void voicemailThatNeverReachedAnAgentHasOnlyCallAndIvrTime() {
        CallFacts call = new CallFacts(false, at("00:00.000"), at("00:20.000"), null, null, at("01:40.000"),
                0L, null, List.of(), List.of());

        CallMetrics m = CallMetricsCalculator.compute(call);

        assertEquals(s("100.000"), m.callTime());
        assertEquals(s("20.000"), m.ivrTime());
        assertNull(m.handleTime());
        assertNull(m.talkTime());
        assertNull(m.holdTime());
    }

    @Test
    void ongoingCallHasNoTimesThatNeedItsEnd() {
        CallFacts call = new CallFacts(false, at("00:00.000"), at("00:05.000"), at("00:06.000"), at("00:09.000"),
                null, null, null, List.of(new Participant(1, "agent", 7L, null, at("00:09.000"), null)), List.of());

        CallMetrics m = CallMetricsCalculator.compute(call);

        assertNull(m.callTime());
        assertNull(m.billingTime());
        assertNull(m.handleTime());
        assertNull(m.talkTime());
        assertNull(m.conferenceTime());
        assertEquals(s("4.000"), m.queueTime());
        assertEquals(s("3.000"), m.ringTime());
    }

    @Test
    void transferWhoseTargetNeverConnectsHasNoTransferTime() {
        CallFacts call = new CallFacts(false, at("00:00.000"), at("00:05.000"), null, at("00:09.000"),
                at("03:00.000"), 171_000L, 0L,
                List.of(new Participant(1, "agent", 7L, null, at("00:09.000"), null),
                        new Participant(2, "agent", 8L, null, at("00:30.000"), null)),
                List.of(new Transfer(1, "agent", 7L, 10L, null, at("01:00.000")),
                        new Transfer(2, "external", 7L, null, "+1555", at("02:00.000"))));

        CallMetrics m = CallMetricsCalculator.compute(call);

        assertEquals(List.of(new TransferTime(1, null), new TransferTime(2, null)), m.transferTimes());
    }

    @Test
    void anAgentWhoJoinedBeforeTheTransferDoesNotEndIt() {
        CallFacts call = new CallFacts(false, at("00:00.000"), at("00:05.000"), null, at("00:09.000"),
                at("03:00.000"), 171_000L, 0L,
                List.of(new Participant(1, "agent", 8L, null, at("00:09.000"), at("00:50.000")),
                        new Participant(2, "agent", 8L, null, at("01:20.125"), null),
                        new Participant(3, "third_party", null, "+1555", at("02:10.000"), null)),
                List.of(new Transfer(1, "agent", 7L, 8L, null, at("01:00.000")),
                        new Transfer(2, "external", 8L, null, "+1555", at("02:00.000"))));

        CallMetrics m = CallMetricsCalculator.compute(call);

        assertEquals(List.of(new TransferTime(1, s("20.125")), new TransferTime(2, s("10.000"))), m.transferTimes());
    }
}
