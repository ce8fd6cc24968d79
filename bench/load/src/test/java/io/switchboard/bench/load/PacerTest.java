package io.switchboard.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {
    private static final long MS = 1_000_000L;

    @Test
    void holdsTheLongRunRateOfExpectedEventsWhateverTheirSizePerCommand() {
        Pacer pacer = new Pacer(1000, 0.1, 0);
        double events = 0;
        int commands = 0;
        for (long t = 0; t <= 10_000 * MS; t += MS) { // 10 s in 1 ms ticks, commands of 1, 3 and 7 events
            pacer.advance(t);
            while (pacer.mayDispatch()) {
                double size = new double[]{1, 3, 7}[commands % 3];
                pacer.spend(size);
                events += size;
                commands++;
            }
        }
        assertThat(events).isBetween(9_990.0, 10_010.0);
    }

    @Test
    void savesAtMostTheBurstWhileIdle() {
        Pacer pacer = new Pacer(1000, 0.1, 0);
        pacer.advance(5_000 * MS); // idle for 5 s: 100 events of credit at most, not 5000
        int sent = 0;
        while (pacer.mayDispatch()) {
            pacer.spend(1);
            sent++;
        }
        assertThat(sent).isEqualTo(101); // the credit of 100, then one more while it is exactly 0
    }

    @Test
    void saysWhenTheNextCommandMayGo() {
        Pacer pacer = new Pacer(100, 0.1, 0);
        pacer.spend(5); // 5 events at 100/s: 50 ms of debt
        assertThat(pacer.mayDispatch()).isFalse();
        assertThat(pacer.nanosUntilCredit()).isEqualTo(50 * MS);
        pacer.advance(49 * MS);
        assertThat(pacer.mayDispatch()).isFalse();
        pacer.advance(50 * MS);
        assertThat(pacer.mayDispatch()).isTrue();
        assertThat(pacer.nanosUntilCredit()).isZero();
    }

    @Test
    void anInfiniteRateNeverHoldsBack() {
        Pacer pacer = new Pacer(Double.POSITIVE_INFINITY, 0.1, 0);
        for (int i = 0; i < 1_000_000; i++) {
            pacer.spend(10);
        }
        assertThat(pacer.mayDispatch()).isTrue();
        assertThat(pacer.nanosUntilCredit()).isZero();
    }
}
