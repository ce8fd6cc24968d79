package io.switchboard.eventstore;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.EventTypeId;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rows one append writes: the envelopes, and the statement parameters {@code $1..$12} as
 * parallel arrays (event ids, versions, types, type versions, payloads) plus the values all rows
 * share. Public so that tools (the benchmark's plain-INSERT baseline) write exactly the same rows.
 */
public record AppendRows(List<EventEnvelope> envelopes, Tuple parameters) {

    public static AppendRows prepare(EventCodec codec, String partnerId, StreamId streamId, long expectedVersion,
                                     List<? extends DomainEvent> events, EventContext context, Instant now) {
        int size = events.size();
        List<EventEnvelope> envelopes = new ArrayList<>(size);
        UUID[] ids = new UUID[size];
        Long[] versions = new Long[size];
        String[] types = new String[size];
        Integer[] typeVersions = new Integer[size];
        String[] payloads = new String[size];
        for (int i = 0; i < size; i++) {
            long version = expectedVersion + i + 1;
            EventTypeId type = codec.registry().idOf(events.get(i));
            EventEnvelope envelope = new EventEnvelope(Uuids.v7(), type.type(), type.version(), streamId.type(),
                    streamId.value(), version, partnerId, now, context.causationId(), context.correlationId(),
                    events.get(i));
            envelopes.add(envelope);
            ids[i] = envelope.eventId();
            versions[i] = version;
            types[i] = type.type();
            typeVersions[i] = type.version();
            payloads[i] = codec.encodeToString(envelope);
        }
        Tuple parameters = Tuple.from(new Object[]{ids, streamId.value(), streamId.type(), versions, types, typeVersions,
                partnerId, now.atOffset(ZoneOffset.UTC), context.causationId(), context.correlationId(), payloads,
                metadataJson(codec, context.metadata())});
        return new AppendRows(List.copyOf(envelopes), parameters);
    }

    private static String metadataJson(EventCodec codec, Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return "{}";
        }
        try {
            return codec.mapper().writeValueAsString(metadata);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not serialisable", e);
        }
    }
}
