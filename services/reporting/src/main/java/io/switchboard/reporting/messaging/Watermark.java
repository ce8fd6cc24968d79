package io.switchboard.reporting.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How complete the projections are, from the heartbeats the writing services send through their own
 * outbox: a heartbeat applied means every event its service committed before it (on its partition) is
 * applied. {@code completeAsOf} is the OLDEST of the newest applied heartbeats of the sources reporting
 * expects, so every expected service's events up to that moment are in; none before every expected source
 * has sent one. Caught up only if the consumers have processed every assigned partition up to its log end
 * AND that moment is at most {@code maxLag} ago: a stalled outbox (Kafka Connect down) ages the heartbeats
 * even though Kafka has nothing new to read.
 *
 * @param completeAsOf null when some expected source has no heartbeat applied
 */
public record Watermark(Instant completeAsOf, long lagMillis, boolean caughtUp) {

    public static Watermark of(Map<String, Instant> newestHeartbeats, List<String> expectedSources,
                               boolean partitionsCaughtUp, Instant now, Duration maxLag) {
        Instant oldest = null;
        for (String source : expectedSources) {
            Instant newest = newestHeartbeats.get(source);
            if (newest == null) {
                return new Watermark(null, -1, false);
            }
            oldest = oldest == null || newest.isBefore(oldest) ? newest : oldest;
        }
        if (oldest == null) {
            return new Watermark(null, -1, false);
        }
        long lag = Math.max(0, Duration.between(oldest, now).toMillis());
        return new Watermark(oldest, lag, partitionsCaughtUp && lag <= maxLag.toMillis());
    }

    /** The {@code Switchboard-Watermark} header value. */
    public String header(java.util.function.Function<Instant, String> format) {
        if (completeAsOf == null) {
            return "complete-as-of=none; caught-up=false";
        }
        return "complete-as-of=" + format.apply(completeAsOf) + "; lag-ms=" + lagMillis + "; caught-up=" + caughtUp;
    }
}
