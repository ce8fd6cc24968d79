package io.switchboard.events.kafka;

import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for envelopes. */
public class EnvelopeSerializer implements Serializer<EventEnvelope> {
    private final EventCodec codec;

    public EnvelopeSerializer() {
        this(EventCodec.standard());
    }

    public EnvelopeSerializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, EventEnvelope data) {
        return data == null ? null : codec.encode(data);
    }
}
