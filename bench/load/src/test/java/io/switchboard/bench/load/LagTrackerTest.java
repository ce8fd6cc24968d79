package io.switchboard.bench.load;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LagTrackerTest {
    private static final long MS = 1_000_000L;

    @Test
    void aWriteSeenAfterItsAcknowledgementCountsFromItsSending() {
        LagTracker lag = new LagTracker();
        lag.sent("p1", "call", 7, "created", 100 * MS);
        lag.seen("p1", "call", 7, Set.of("created"), 350 * MS);
        assertThat(lag.samples()).isEqualTo(1);
        assertThat(lag.micros().getMaxValue()).isBetween(249_700L, 250_300L);
        assertThat(lag.pending()).isZero();
    }

    @Test
    void aReadThatBeatsTheAcknowledgementIsKeptUntilItArrives() {
        LagTracker lag = new LagTracker();
        lag.seen("p1", "chat", 9, Set.of("created", "msg:1"), 300 * MS);
        lag.seen("p1", "chat", 9, Set.of("created", "msg:1", "msg:2"), 400 * MS); // first sight wins
        lag.sent("p1", "chat", 9, "msg:1", 200 * MS);
        lag.sent("p1", "chat", 9, "msg:2", 250 * MS);
        assertThat(lag.samples()).isEqualTo(2);
        assertThat(lag.micros().getMinValue()).isBetween(99_800L, 100_200L);
        assertThat(lag.micros().getMaxValue()).isBetween(149_800L, 150_200L);
    }

    @Test
    void onlyWritesSentInTheWindowCountAndUnseenOnesArePending() {
        LagTracker lag = new LagTracker();
        lag.window(1_000 * MS, 2_000 * MS);
        lag.sent("p1", "call", 1, "ended", 500 * MS);
        lag.sent("p1", "call", 2, "ended", 1_500 * MS);
        lag.sent("p1", "call", 3, "ended", 1_600 * MS);
        lag.seen("p1", "call", 1, Set.of("ended"), 1_700 * MS);
        lag.seen("p1", "call", 2, Set.of("ended"), 1_700 * MS);
        assertThat(lag.samples()).isEqualTo(1);
        assertThat(lag.pending()).isEqualTo(1);
        assertThat(lag.outsideWindow()).isEqualTo(1);
    }

    @Test
    void partnersAndTypesKeepTheirIdsApart() {
        LagTracker lag = new LagTracker();
        lag.sent("p1", "call", 7, "created", 0);
        lag.seen("p2", "call", 7, Set.of("created"), 10 * MS);
        lag.seen("p1", "chat", 7, Set.of("created"), 10 * MS);
        assertThat(lag.samples()).isZero();
        assertThat(lag.pending()).isEqualTo(1);
    }

    @Test
    void aWriteTheFeedNeverDeliveredButADirectReadShowsIsCountedApartWithoutALagSample() {
        LagTracker lag = new LagTracker();
        lag.sent("p1", "call", 7, "ended", 0);
        lag.sent("p1", "call", 8, "ended", 0);
        assertThat(lag.pendingWrites()).containsExactlyInAnyOrder(new LagTracker.Pending("p1", "call", 7, "ended"),
                new LagTracker.Pending("p1", "call", 8, "ended"));
        lag.shownOutsideFeed("p1", "call", 7, Set.of("created", "ended"));
        assertThat(lag.missedByFeed()).isEqualTo(1);
        assertThat(lag.samples()).isZero();
        assertThat(lag.pendingWrites()).containsExactly(new LagTracker.Pending("p1", "call", 8, "ended"));
    }

    @Test
    void writesOfPartnersWhoseFeedIsNotReadAreNotTracked() {
        LagTracker lag = new LagTracker(Set.of("p1"));
        lag.sent("p2", "call", 7, "ended", 0);
        assertThat(lag.pending()).isZero();
    }
}
