package io.switchboard.reporting.api;

import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.kafka.EnvelopeRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Produces envelopes to the real broker exactly as the Debezium outbox router would (key = aggregate id). */
final class EventFeed implements AutoCloseable {
    private final EnvelopeRecords records = new EnvelopeRecords(EventCodec.standard());
    private final KafkaProducer<String, byte[]> producer;

    EventFeed() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    static String topicOf(EventEnvelope event) {
        return ChatEvents.AGGREGATE_TYPE.equals(event.aggregateType()) ? Topics.CHAT : Topics.INTERACTION;
    }

    void send(List<EventEnvelope> events) {
        events.forEach(e -> send(records.toRecord(topicOf(e), e)));
        producer.flush();
    }

    /** Sends the event with another Kafka key, to land it on the partition of that key's aggregate. */
    void sendKeyed(String key, EventEnvelope event) {
        ProducerRecord<String, byte[]> record = records.toRecord(topicOf(event), event);
        send(new ProducerRecord<>(record.topic(), null, key, record.value(), record.headers()));
        producer.flush();
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce " + record, e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
