package io.switchboard.reporting.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * Today's call-segment metrics (calls created in [{@code from}, {@code to}), {@code from} = local midnight of the
 * requested zone), from the call measures the calls projection stores.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record LiveDistributions(Instant from, Instant to, String zone, Metrics metrics) {

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record Metrics(Distribution ivr, Distribution queue, Distribution handle, Distribution talk,
                          Distribution hold) {
    }

    /** Calls where the metric applies; percentiles and max in seconds (null when count is 0). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record Distribution(long count, Double p50Seconds, Double p90Seconds, Double maxSeconds,
                               List<Bucket> buckets) {
    }

    /** Calls whose metric is above the previous bucket's bound and at most {@code upToSeconds} (null: no bound). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record Bucket(Integer upToSeconds, long count) {
    }
}
