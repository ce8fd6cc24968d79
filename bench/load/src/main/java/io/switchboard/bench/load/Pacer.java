package io.switchboard.bench.load;

/**
 * Paces commands by the events they are expected to cause: credit accrues at the target rate (up to a
 * small burst) and every command sent spends its expected events. A command may be sent while the credit
 * is not negative, so the long-run rate of expected events equals the target however the events are
 * spread over the commands. Plain arithmetic on a clock the caller passes in (unit-tested).
 */
final class Pacer {
    private final double perNano;
    private final double burst;
    private double credit;
    private long last;

    /**
     * @param eventsPerSecond target; infinite = never holds a command back
     * @param burstSeconds    credit saved up while idle, in seconds of the target rate (at least one event)
     */
    Pacer(double eventsPerSecond, double burstSeconds, long nowNanos) {
        this.perNano = eventsPerSecond / 1e9;
        this.burst = Double.isInfinite(eventsPerSecond) ? Double.POSITIVE_INFINITY : Math.max(1, eventsPerSecond * burstSeconds);
        this.last = nowNanos;
        this.credit = 0;
    }

    void advance(long nowNanos) {
        if (Double.isInfinite(burst)) {
            return;
        }
        if (nowNanos > last) {
            credit = Math.min(burst, credit + (nowNanos - last) * perNano);
            last = nowNanos;
        }
    }

    boolean mayDispatch() {
        return Double.isInfinite(burst) || credit >= -1e-9; // accrual in doubles: exactly 0 may come out a hair below
    }

    void spend(double events) {
        if (!Double.isInfinite(burst)) {
            credit -= events;
        }
    }

    /** Nanoseconds until a command may be sent again (0 if now). */
    long nanosUntilCredit() {
        if (mayDispatch()) {
            return 0;
        }
        return (long) Math.ceil(-credit / perNano);
    }

    double credit() {
        return credit;
    }
}
