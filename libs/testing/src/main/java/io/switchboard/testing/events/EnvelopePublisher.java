package io.switchboard.testing.events;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.kafka.EnvelopeRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Publishes envelopes exactly as Debezium's outbox router would (key, headers, JSON value) and waits
 * for the broker's acknowledgement. For tests and benchmarks that feed a topic directly; the services
 * never publish: their events reach Kafka through the outbox.
 */
public final class EnvelopePublisher implements AutoCloseable {
    private final EnvelopeRecords records = new EnvelopeRecords(EventCodec.standard());
    private final KafkaProducer<String, byte[]> producer;

    public EnvelopePublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends under the envelope's aggregate id (its Kafka key) and waits until the broker has it. */
    public EventEnvelope publish(String topic, EventEnvelope envelope) {
        return send(records.toRecord(topic, envelope), envelope);
    }

    /**
     * Sends under another Kafka key ({@link TestEnvelopes#key}), to land the event on the partition of that
     * key's aggregate, after everything already sent there.
     */
    public EventEnvelope publishKeyed(String topic, String key, EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = records.toRecord(topic, envelope);
        return send(new ProducerRecord<>(topic, null, key, record.value(), record.headers()), envelope);
    }

    /** {@link TestEnvelopes#envelope} then {@link #publish(String, EventEnvelope)}. */
    public EventEnvelope publish(String topic, String partnerId, String aggregateType, Object id, long sequence,
                                 DomainEvent event) {
        return publish(topic, TestEnvelopes.envelope(partnerId, aggregateType, id, sequence, event));
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

    @Override
    public void close() {
        producer.close();
    }
}
