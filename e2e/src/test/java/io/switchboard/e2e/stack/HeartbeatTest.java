package io.switchboard.e2e.stack;

import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.system.SystemEvents;
import io.switchboard.events.system.SystemEvents.Heartbeat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every writing service's heartbeat travels its outbox to its topic, and deleting old heartbeat rows
 * (the only rows the event store lets go) puts nothing on the topic and leaves the connector running.
 */
@ExtendWith(LocalStack.class)
class HeartbeatTest {

    @Test
    void everyWritingServiceBeatsOnItsOwnTopicEveryFewSeconds() {
        for (String service : List.of("chat", "interaction", "media", "redaction")) {
            try (KafkaConsumer<String, byte[]> consumer = StackClients.consumerAtEnd("switchboard." + service)) {
                String key = SystemEvents.HEARTBEAT + "-" + service;
                EventEnvelope beat = await().atMost(Duration.ofSeconds(20)).until(() -> next(consumer, key), e -> e != null);
                assertThat(beat.partnerId()).isEqualTo(SystemEvents.SYSTEM_PARTNER);
                assertThat(((Heartbeat) beat.data()).source()).isEqualTo(service);
            }
        }
    }

    @Test
    void deletingOldHeartbeatRowsPutsNothingOnTheTopicAndTheConnectorRuns() {
        try (StackClients chat = new StackClients("chat");
             KafkaConsumer<String, byte[]> consumer = StackClients.consumerAtEnd("switchboard.chat")) {
            String key = SystemEvents.HEARTBEAT + "-chat";
            long deleted = chat.pool.query("""
                            DELETE FROM event_store WHERE stream_id = 'heartbeat-chat'
                              AND version < (SELECT max(version) FROM event_store WHERE stream_id = 'heartbeat-chat')""")
                    .execute().await().indefinitely().rowCount();
            assertThat(deleted).as("old heartbeats to delete").isPositive();

            // The next beat commits after the delete and travels on the same key (partition): whatever
            // the delete made would be read before it.
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> key.equals(r.key()));
            });
            assertThat(seen).as("no tombstone, no record of the deleted rows").allSatisfy(record -> {
                assertThat(record.value()).isNotNull();
                EventEnvelope envelope = EventCodec.standard().decode(record.value());
                assertThat(envelope.eventId()).isNotNull();
            });
            assertThat(given().baseUri("http://127.0.0.1:" + LocalStack.CONNECT_PORT)
                    .when().get("/connectors/switchboard-chat-outbox/status")
                    .then().statusCode(200).extract().jsonPath().getString("tasks[0].state")).isEqualTo("RUNNING");
        }
    }

    private static EventEnvelope next(KafkaConsumer<String, byte[]> consumer, String key) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (key.equals(record.key())) {
                return EventCodec.standard().decode(record.value());
            }
        }
        return null;
    }
}
