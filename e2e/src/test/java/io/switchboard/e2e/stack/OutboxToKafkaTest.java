package io.switchboard.e2e.stack;

import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.events.kafka.EnvelopeRecords;
import io.switchboard.events.kafka.EventHeaders;
import io.switchboard.eventstore.AppendResult;
import io.switchboard.eventstore.StreamId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An event appended to a service's event store reaches its topic through the real Debezium pipeline. */
@ExtendWith(LocalStack.class)
class OutboxToKafkaTest {
    private static StackClients chat;

    @BeforeAll
    static void connect() {
        chat = new StackClients("chat");
    }

    @AfterAll
    static void disconnect() {
        chat.close();
    }

    @Test
    void eventsArriveWithinTwoSecondsWithKeyHeadersEnvelopeAndInOrder() {
        long chatId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        StreamId stream = StreamId.of("chat", chatId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<UUID, Long> committedAt = new HashMap<>();
        List<EventEnvelope> appended = new ArrayList<>();

        try (KafkaConsumer<String, byte[]> consumer = StackClients.consumerAtEnd(Topics.CHAT)) {
            AppendResult created = chat.store.append("acme", stream, 0, List.of(new ChatCreated(chatId, "queued", 7L, "en",
                    new EndUser(42L, "ann@example.com", "Ann", null, "+15550100"), null, Map.of("page", "checkout"),
                    List.of(), List.of("photo"), now, now.plusSeconds(600)))).await().indefinitely();
            record(created, committedAt, appended);
            for (int i = 1; i <= 9; i++) {
                record(chat.store.append("acme", stream, i, List.of(new MessageSent(chatId, i, 1, "end_user", "42", "Ann",
                        "text", "message " + i, Map.of(), now, "key-" + i))).await().indefinitely(), committedAt, appended);
            }

            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            Map<UUID, Long> receivedAt = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (stream.value().equals(record.key())) {
                        received.add(record);
                        receivedAt.putIfAbsent(EventCodec.standard().decode(record.value()).eventId(), System.currentTimeMillis());
                    }
                }
                return received.size() >= appended.size();
            });

            List<EventEnvelope> envelopes = received.stream().map(r -> EventCodec.standard().decode(r.value())).toList();
            assertThat(envelopes).as("the envelope, decoded, equals what was appended, in order").containsExactlyElementsOf(appended);
            ConsumerRecord<String, byte[]> first = received.get(0);
            assertThat(new String(first.value())).as("the value is the envelope object, not a string").startsWith("{");
            assertThat(EnvelopeRecords.header(first.headers(), EventHeaders.ID)).contains(appended.get(0).eventId().toString());
            assertThat(EnvelopeRecords.header(first.headers(), EventHeaders.TYPE)).contains("ChatCreated");
            assertThat(EnvelopeRecords.header(first.headers(), EventHeaders.PARTNER_ID)).contains("acme");
            assertThat(received).extracting(ConsumerRecord::partition).containsOnly(first.partition());
            for (EventEnvelope envelope : appended) {
                long latency = receivedAt.get(envelope.eventId()) - committedAt.get(envelope.eventId());
                assertThat(latency).as("commit → consumer latency of %s", envelope.type()).isLessThan(2_000);
            }
        }
    }

    private static void record(AppendResult result, Map<UUID, Long> committedAt, List<EventEnvelope> appended) {
        long now = System.currentTimeMillis();
        result.envelopes().forEach(e -> committedAt.put(e.eventId(), now));
        appended.addAll(result.envelopes());
    }
}
