package io.switchboard.reporting.messaging;

import io.switchboard.events.WireTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WatermarkTest {
    private static final List<String> SOURCES = List.of("chat", "interaction", "media");
    private static final Instant NOW = Instant.parse("2026-11-21T14:00:10.000Z");
    private static final Duration MAX_LAG = Duration.ofSeconds(15);

    @Test
    void theWatermarkIsTheOldestOfTheNewestHeartbeatsOfTheExpectedSources() {
        Map<String, Instant> heartbeats = Map.of("chat", NOW.minusSeconds(2), "interaction", NOW.minusSeconds(6),
                "media", NOW.minusSeconds(1), "redaction", NOW.minusSeconds(600));

        Watermark watermark = Watermark.of(heartbeats, SOURCES, true, NOW, MAX_LAG);

        assertThat(watermark).isEqualTo(new Watermark(NOW.minusSeconds(6), 6_000, true));
        assertThat(watermark.header(WireTime::format))
                .isEqualTo("complete-as-of=2026-11-21T14:00:04.000Z; lag-ms=6000; caught-up=true");
    }

    @Test
    void anAgeingHeartbeatMeansNotCaughtUpEvenWithNothingLeftToRead() {
        Map<String, Instant> heartbeats = Map.of("chat", NOW.minusSeconds(2), "interaction", NOW.minusSeconds(16),
                "media", NOW.minusSeconds(1));

        Watermark watermark = Watermark.of(heartbeats, SOURCES, true, NOW, MAX_LAG);

        assertThat(watermark.caughtUp()).isFalse();
        assertThat(watermark.header(WireTime::format))
                .isEqualTo("complete-as-of=2026-11-21T13:59:54.000Z; lag-ms=16000; caught-up=false");
    }

    @Test
    void recordsLeftToReadMeanNotCaughtUpEvenWithFreshHeartbeats() {
        Map<String, Instant> heartbeats = Map.of("chat", NOW, "interaction", NOW, "media", NOW);

        Watermark watermark = Watermark.of(heartbeats, SOURCES, false, NOW, MAX_LAG);

        assertThat(watermark.caughtUp()).isFalse();
        assertThat(watermark.lagMillis()).isZero();
    }

    @Test
    void aSourceThatNeverSentAHeartbeatLeavesNoWatermark() {
        Map<String, Instant> heartbeats = Map.of("chat", NOW, "interaction", NOW);

        Watermark watermark = Watermark.of(heartbeats, SOURCES, true, NOW, MAX_LAG);

        assertThat(watermark.completeAsOf()).isNull();
        assertThat(watermark.header(WireTime::format)).isEqualTo("complete-as-of=none; caught-up=false");
        assertThat(Watermark.of(Map.of(), SOURCES, true, NOW, MAX_LAG).header(WireTime::format))
                .isEqualTo("complete-as-of=none; caught-up=false");
    }
}
