package io.switchboard.e2e.faults;

import io.switchboard.e2e.stack.LocalStack;
import io.switchboard.events.kafka.EnvelopeRecords;
import io.switchboard.events.kafka.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How often each event of the load's partners was delivered on the topics (by its {@code id} header):
 * Debezium delivers at least once, so a Connect or broker crash may put an event on its topic twice. The
 * read models must apply such a redelivery once; this counts how many they were given. Positions are taken
 * at construction (the topics' ends) and everything after them is read by {@link #read()}.
 */
final class TopicTally {
    private final Map<TopicPartition, Long> from;

    TopicTally() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            this.from = Map.copyOf(consumer.endOffsets(partitions(consumer), Duration.ofSeconds(30)));
        }
    }

    /** Deliveries per event id of these partners since construction, up to the topics' current ends. */
    Map<UUID, Integer> read(Set<String> partners) {
        Map<UUID, Integer> deliveries = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> assigned = new ArrayList<>(from.keySet());
            Map<TopicPartition, Long> to = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            consumer.assign(assigned);
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topics up to " + to);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= to.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    String partner = EnvelopeRecords.header(record.headers(), EventHeaders.PARTNER_ID).orElse(null);
                    if (partner != null && partners.contains(partner)) {
                        EnvelopeRecords.header(record.headers(), EventHeaders.ID)
                                .ifPresent(id -> deliveries.merge(UUID.fromString(id), 1, Integer::sum));
                    }
                }
            }
        }
        return deliveries;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> all = new ArrayList<>();
        for (String store : Ledger.EVENT_STORES) {
            String topic = "switchboard." + store;
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> all.add(new TopicPartition(topic, p.partition())));
        }
        return all;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-faults-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
