package io.switchboard.events;

import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.events.kafka.EnvelopeRecords;
import io.switchboard.events.kafka.EventHeaders;
import io.switchboard.testing.RealKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Envelopes through the real broker: key, headers and value as docs/architecture.md#kafka-records
 * specifies.
 */
class EnvelopeKafkaRoundTripTest {
    private static final String TOPIC = "test.envelopes";

    @Test
    void envelopeSurvivesTheBrokerWithKeyHeadersAndPerAggregateOrder() throws Exception {
        RealKafka kafka = RealKafka.shared();
        kafka.createTopic(TOPIC, 3);
        EventCodec codec = EventCodec.standard();
        EnvelopeRecords records = new EnvelopeRecords(codec);
        String chatId = "chat-" + UUID.randomUUID();
        // Events are stamped with millisecond clocks, as the wire format carries milliseconds.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<EventEnvelope> sent = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            sent.add(new EventEnvelope(UUID.randomUUID(), "MessageSent", 1, "chat", chatId, seq, "partner-a",
                    now, null, null,
                    new MessageSent(7, seq, 1, "end_user", "u1", "Ann", "text", "hello " + seq, Map.of(), now, null)));
        }

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope envelope : sent) {
                producer.send(records.toRecord(TOPIC, envelope)).get();
            }
        }

        List<ConsumerRecord<String, EventEnvelope>> received = new ArrayList<>();
        try (KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new EnvelopeDeserializer(codec))) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (chatId.equals(r.key())) {
                        received.add(r);
                    }
                });
                return received.size() >= sent.size();
            });
        }

        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
        assertThat(received).extracting(ConsumerRecord::partition).containsOnly(received.get(0).partition());
        ConsumerRecord<String, EventEnvelope> first = received.get(0);
        assertThat(first.key()).isEqualTo(chatId);
        assertThat(EnvelopeRecords.header(first.headers(), EventHeaders.ID)).contains(sent.get(0).eventId().toString());
        assertThat(EnvelopeRecords.header(first.headers(), EventHeaders.TYPE)).contains("MessageSent");
        assertThat(EnvelopeRecords.header(first.headers(), EventHeaders.PARTNER_ID)).contains("partner-a");
    }
}
