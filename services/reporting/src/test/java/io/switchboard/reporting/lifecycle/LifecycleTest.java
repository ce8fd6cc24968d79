package io.switchboard.reporting.lifecycle;

import io.switchboard.reporting.lifecycle.Lifecycle.CallFacts;
import io.switchboard.reporting.lifecycle.Lifecycle.ChatFacts;
import io.switchboard.reporting.lifecycle.Lifecycle.Containment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle vocabulary's one rule, over the facts of a call and of a chat. */
class LifecycleTest {

    private static CallFacts call(boolean ended, boolean queued, boolean rang, boolean connected, boolean agent,
                                  boolean outbound, int transfers, String endedStatus) {
        return new CallFacts(ended, queued, rang, connected, agent, outbound, transfers, endedStatus);
    }

    @Test
    void aCallEndedInTheIvrIsContainedAndNothingElse() {
        assertThat(Lifecycle.of(call(true, false, false, false, false, false, 0, "finished")))
                .isEqualTo(new Lifecycle(Containment.CONTAINED, false, false, false, false, false));
    }

    @Test
    void aCallThatWaitedOrRangAndEndedWithoutAnAgentIsAbandonedAndNotContained() {
        assertThat(Lifecycle.of(call(true, true, false, false, false, false, 0, "failed")))
                .isEqualTo(new Lifecycle(Containment.NOT_CONTAINED, true, false, true, false, false));
        Lifecycle rangOnly = Lifecycle.of(call(true, false, true, false, false, false, 0, "failed"));
        assertThat(rangOnly.abandoned()).isTrue();
        assertThat(rangOnly.containment()).isEqualTo(Containment.NOT_CONTAINED);
    }

    @Test
    void aCallAnsweredAndTransferredIsAssignedAndTransferred() {
        assertThat(Lifecycle.of(call(true, true, true, true, true, false, 1, "finished")))
                .isEqualTo(new Lifecycle(Containment.NOT_CONTAINED, true, true, false, true, false));
    }

    @Test
    void aCallEndedDeflectedIsNeitherAbandonedNorContained() {
        assertThat(Lifecycle.of(call(true, true, false, false, false, false, 0, "deflected")))
                .isEqualTo(new Lifecycle(Containment.NOT_CONTAINED, true, false, false, false, true));
        assertThat(Lifecycle.of(call(true, false, false, false, false, false, 0, "deflected")).containment())
                .as("a human was wanted").isEqualTo(Containment.NOT_CONTAINED);
    }

    @Test
    void anOutboundCallIsNeverContained() {
        assertThat(Lifecycle.of(call(true, false, false, false, false, true, 0, "failed")).containment())
                .isEqualTo(Containment.NOT_CONTAINED);
    }

    @Test
    void aRunningCallIsInProgressAndNotYetAbandoned() {
        Lifecycle waiting = Lifecycle.of(call(false, true, true, false, false, false, 0, null));
        assertThat(waiting).isEqualTo(new Lifecycle(Containment.IN_PROGRESS, true, false, false, false, false));
    }

    @Test
    void aChatOnlyAVirtualAgentHandledIsContained() {
        assertThat(Lifecycle.of(new ChatFacts(true, false, false, 0, false)))
                .isEqualTo(new Lifecycle(Containment.CONTAINED, false, false, false, false, false));
    }

    @Test
    void aChatQueuedAndEndedWithoutAnAgentIsAbandonedUnlessDeflected() {
        assertThat(Lifecycle.of(new ChatFacts(true, true, false, 0, false)))
                .isEqualTo(new Lifecycle(Containment.NOT_CONTAINED, true, false, true, false, false));
        assertThat(Lifecycle.of(new ChatFacts(true, true, false, 0, true)))
                .isEqualTo(new Lifecycle(Containment.NOT_CONTAINED, true, false, false, false, true));
    }

    @Test
    void aChatHandedToASecondAgentIsTransferred() {
        assertThat(Lifecycle.of(new ChatFacts(true, true, true, 2, false)))
                .isEqualTo(new Lifecycle(Containment.NOT_CONTAINED, true, true, false, true, false));
        assertThat(Lifecycle.of(new ChatFacts(true, false, true, 1, false)).transferred()).isFalse();
    }

    @Test
    void aChatDeflectedWhileOpenIsDeflectedAndStillInProgress() {
        assertThat(Lifecycle.of(new ChatFacts(false, false, false, 0, true)))
                .isEqualTo(new Lifecycle(Containment.IN_PROGRESS, false, false, false, false, true));
        assertThat(Lifecycle.of(new ChatFacts(true, false, false, 0, true)).containment())
                .isEqualTo(Containment.NOT_CONTAINED);
    }
}
