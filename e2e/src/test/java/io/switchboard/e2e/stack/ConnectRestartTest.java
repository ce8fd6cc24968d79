package io.switchboard.e2e.stack;

import io.switchboard.events.EventCodec;
import io.switchboard.events.Topics;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import io.switchboard.eventstore.StreamId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restarting Kafka Connect while events are being written loses none of them. Debezium delivers at
 * least once, so some may arrive twice; consumers deduplicate by event id.
 */
@ExtendWith(LocalStack.class)
class ConnectRestartTest {

    @Test
    void noEventIsLostAcrossAConnectRestart() throws Exception {
        Set<UUID> written = ConcurrentHashMap.newKeySet();
        Set<UUID> seen = new HashSet<>();
        int duplicates = 0;
        try (StackClients interaction = new StackClients("interaction");
             KafkaConsumer<String, byte[]> consumer = StackClients.consumerAtEnd(Topics.INTERACTION)) {
            long callId = Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L);
            StreamId call = StreamId.of("call", callId);
            // A steady stream of one event every 40 ms, so the restart happens in the middle of it.
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            AtomicLong version = new AtomicLong();
            CompletableFuture<Void> done = new CompletableFuture<>();
            writer.scheduleAtFixedRate(() -> {
                try {
                    if (version.get() == 150) {
                        done.complete(null);
                        return;
                    }
                    interaction.store.append("acme", call, version.get(), List.of(new CallHeld(callId, Instant.now())))
                            .await().indefinitely().envelopes().forEach(e -> written.add(e.eventId()));
                    version.incrementAndGet();
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, 0, 40, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> written.size() >= 30);
            LocalStack.run(Duration.ofMinutes(3), "restart", "connect");
            done.get(2, TimeUnit.MINUTES);
            writer.shutdownNow();

            long deadline = System.currentTimeMillis() + 60_000;
            while (!seen.containsAll(written) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (call.value().equals(record.key()) && !seen.add(EventCodec.standard().decode(record.value()).eventId())) {
                        duplicates++;
                    }
                }
            }
            System.out.printf("Connect restart: %d written, %d received, %d duplicates%n", written.size(), seen.size(), duplicates);
            assertThat(seen).as("every written event arrives").containsAll(written);
        }
    }
}
