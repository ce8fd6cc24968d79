package io.switchboard.events.kafka;

import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka value deserializer for envelopes; a tombstone (null value) stays null. */
public class EnvelopeDeserializer implements Deserializer<EventEnvelope> {
    private final EventCodec codec;

    public EnvelopeDeserializer() {
        this(EventCodec.standard());
    }

    public EnvelopeDeserializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public EventEnvelope deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(data);
    }
}
