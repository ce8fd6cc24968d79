package io.switchboard.testing.events;

import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.events.kafka.EnvelopeRecords;
import io.switchboard.events.kafka.EventHeaders;
import io.switchboard.testing.RealKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Envelopes through the real broker as the outbox router publishes them (docs/architecture.md#kafka-records): key,
 * headers and value, one aggregate's events in order on one partition.
 */
class EnvelopeKafkaRoundTripTest {
    private static final String TOPIC = "test.envelopes";

    @Test
    void envelopeSurvivesTheBrokerWithKeyHeadersAndPerAggregateOrder() {
        RealKafka kafka = RealKafka.shared();
        kafka.createTopic(TOPIC, 3);
        long chatId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        // Events are stamped with millisecond clocks, as the wire format carries milliseconds.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<EventEnvelope> sent = new ArrayList<>();
        try (EnvelopePublisher publisher = new EnvelopePublisher(kafka.bootstrapServers())) {
            for (int seq = 1; seq <= 5; seq++) {
                sent.add(publisher.publish(TOPIC, TestEnvelopes.of(new MessageSent(chatId, seq, 1, "end_user", "u1",
                                "Ann", "text", "hello " + seq, Map.of(), now, null))
                        .partner("partner-a").aggregate("chat", chatId).sequence(seq).at(now).build()));
            }
        }

        String key = TestEnvelopes.key("chat", chatId);
        List<ConsumerRecord<String, EventEnvelope>> received = new ArrayList<>();
        try (KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new EnvelopeDeserializer(EventCodec.standard()))) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        received.add(r);
                    }
                });
                return received.size() >= sent.size();
            });
        }

        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
        assertThat(received).extracting(ConsumerRecord::partition).containsOnly(received.get(0).partition());
        ConsumerRecord<String, EventEnvelope> first = received.get(0);
        assertThat(first.key()).isEqualTo("chat-" + chatId).isEqualTo(sent.get(0).aggregateId());
        assertThat(EnvelopeRecords.header(first.headers(), EventHeaders.ID)).contains(sent.get(0).eventId().toString());
        assertThat(EnvelopeRecords.header(first.headers(), EventHeaders.TYPE)).contains("MessageSent");
        assertThat(EnvelopeRecords.header(first.headers(), EventHeaders.PARTNER_ID)).contains("partner-a");
    }
}
