package io.switchboard.reporting.projection;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import io.switchboard.testing.events.TestEnvelopes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class StreamGroupsTest {
    private static final Instant T = Instant.parse("2026-11-21T09:00:00Z");

    private static EventEnvelope event(String partner, long callId, long sequence) {
        return TestEnvelopes.of(new CallHeld(callId, T)).partner(partner).aggregate(CallEvents.AGGREGATE_TYPE, callId)
                .sequence(sequence).at(T.plusSeconds(sequence)).build();
    }

    @Test
    void everyEventLandsOnceAndEachStreamStaysTogetherInOrder() {
        List<EventEnvelope> batch = new ArrayList<>();
        for (long seq = 1; seq <= 5; seq++) {
            for (long call = 1; call <= 40; call++) {
                batch.add(event(call % 2 == 0 ? "acme" : "globex", call, seq));
            }
        }

        List<List<EventEnvelope>> groups = StreamGroups.split(batch, 4);

        assertThat(groups).hasSizeLessThanOrEqualTo(4).hasSizeGreaterThan(1).allSatisfy(g -> assertThat(g).isNotEmpty());
        assertThat(groups.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(batch);
        for (List<EventEnvelope> group : groups) {
            var streams = group.stream().collect(Collectors.groupingBy(e -> e.partnerId() + "/" + e.aggregateId()));
            streams.values().forEach(events -> assertThat(events).extracting(EventEnvelope::sequence)
                    .containsExactly(1L, 2L, 3L, 4L, 5L));
            streams.keySet().forEach(stream -> groups.stream().filter(other -> other != group).forEach(other ->
                    assertThat(other).noneMatch(e -> (e.partnerId() + "/" + e.aggregateId()).equals(stream))));
        }
    }

    @Test
    void oneGroupOrAnEmptyBatchIsNotSplit() {
        List<EventEnvelope> batch = List.of(event("acme", 1, 1), event("acme", 2, 1));
        assertThat(StreamGroups.split(batch, 1)).containsExactly(batch);
        assertThat(StreamGroups.split(List.of(), 4)).isEmpty();
    }
}
