package io.switchboard.reporting.live.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The live stream (README "Live stream"). */
@ConfigMapping(prefix = "switchboard.reporting.stream")
public interface StreamConfig {
    /** How long feed rows are kept: the oldest Last-Event-ID a client can resume from. */
    @WithDefault("PT1H")
    Duration retention();

    /** How often the purge of rows past the retention runs. */
    @WithDefault("PT1M")
    Duration purgeEvery();

    /**
     * The fallback poll of every partner with subscribers: picks up rows a notification announced while an older
     * transaction still ran (held back by the xmin rule), and anything a lost listen connection missed.
     */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    /** The SSE comment {@code : keep-alive} to every subscriber. */
    @WithDefault("PT15S")
    Duration heartbeat();

    /** A partner's snapshot is recomputed at most this often (when its feed moved). */
    @WithDefault("PT1S")
    Duration snapshotInterval();

    /** ... and at least this often while it has subscribers (the service-level window rolls on with time). */
    @WithDefault("PT10S")
    Duration snapshotMaxAge();

    /** Subscribers per partner per instance; one more is a 429. */
    @WithDefault("100")
    int maxSubscribersPerPartner();

    /** Events buffered per subscriber; a subscriber that falls further behind reads on from the table at its own pace. */
    @WithDefault("1000")
    int buffer();

    /** Rows per read of the table. */
    @WithDefault("500")
    int page();
}
