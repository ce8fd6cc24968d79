package io.switchboard.reporting.calls;

import java.math.BigDecimal;
import java.util.List;

/**
 * The basic call-segment metrics (docs/api/manager.md#call-segment-metrics) of one call, in seconds with
 * millisecond precision (scale 3).
 * A metric that does not apply to the call (or cannot be known yet) is null, never zero.
 */
public record CallMetrics(
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
        List<TransferTime> transferTimes) {

    /** Transfer time of one transfer: its creation until the target participant connected (null if never). */
    public record TransferTime(long transferId, BigDecimal transferTime) {
    }
}
