package io.switchboard.events.kafka;

import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Builds and reads Kafka records in the shape the Debezium outbox router produces: key = aggregate id,
 * value = the envelope JSON, headers {@code id}, {@code type}, {@code partner_id}.
 */
public final class EnvelopeRecords {
    private final EventCodec codec;

    public EnvelopeRecords(EventCodec codec) {
        this.codec = codec;
    }

    public ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope envelope) {
        return new ProducerRecord<>(topic, null, envelope.aggregateId(), codec.encode(envelope), headersOf(envelope));
    }

    public static Headers headersOf(EventEnvelope envelope) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.ID, utf8(envelope.eventId().toString()));
        headers.add(EventHeaders.TYPE, utf8(envelope.type()));
        headers.add(EventHeaders.PARTNER_ID, utf8(envelope.partnerId()));
        return headers;
    }

    /** The last value of a header as text, if present. */
    public static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
