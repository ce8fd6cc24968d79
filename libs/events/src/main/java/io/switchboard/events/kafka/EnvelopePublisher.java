package io.switchboard.events.kafka;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.EventTypeId;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * @deprecated the test publisher is libs/testing's {@code io.switchboard.testing.events.EnvelopePublisher};
 * this copy stays only until reporting's tests (being re-sliced in the same issue) import that one.
 *
 * <p>Publishes envelopes exactly as Debezium's outbox router would (key, headers, JSON value) and waits
 * for the broker's acknowledgement. For tests, benchmarks and tools that feed a topic directly; the
 * services themselves never publish: their events reach Kafka through the outbox.
 */
@Deprecated(forRemoval = true)
public final class EnvelopePublisher implements AutoCloseable {
    private final EventCodec codec;
    private final EnvelopeRecords records;
    private final KafkaProducer<String, byte[]> producer;

    public EnvelopePublisher(String bootstrapServers) {
        this.codec = EventCodec.standard();
        this.records = new EnvelopeRecords(codec);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    /** An envelope around {@code event}, typed by the standard registry, stamped now. */
    public EventEnvelope envelope(String partnerId, String aggregateType, Object aggregateId, long sequence,
                                  DomainEvent event) {
        EventTypeId type = codec.registry().idOf(event);
        return new EventEnvelope(UUID.randomUUID(), type.type(), type.version(), aggregateType,
                String.valueOf(aggregateId), sequence, partnerId, Instant.now().truncatedTo(ChronoUnit.MILLIS), null,
                null, event);
    }

    /** Sends and waits until the broker has it. */
    public EventEnvelope publish(String topic, EventEnvelope envelope) {
        return send(records.toRecord(topic, envelope), envelope);
    }

    /** Sends under another Kafka key, to land the event on the partition of that key's aggregate. */
    public EventEnvelope publishKeyed(String topic, String key, EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = records.toRecord(topic, envelope);
        return send(new ProducerRecord<>(topic, null, key, record.value(), record.headers()), envelope);
    }

    private EventEnvelope send(ProducerRecord<String, byte[]> record, EventEnvelope envelope) {
        try {
            producer.send(record).get();
            return envelope;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + envelope.eventId(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish " + envelope.eventId() + " to " + record.topic(), e.getCause());
        }
    }

    /** {@link #envelope} then {@link #publish}. */
    public EventEnvelope publish(String topic, String partnerId, String aggregateType, Object aggregateId,
                                 long sequence, DomainEvent event) {
        return publish(topic, envelope(partnerId, aggregateType, aggregateId, sequence, event));
    }

    @Override
    public void close() {
        producer.close();
    }
}
